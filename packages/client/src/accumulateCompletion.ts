import { type Accumulated, appendPiece, joinPieces, piecesToArray } from './pieces.ts'
import type {
  Choice,
  CompletionLogprobs,
  CompletionResponse,
  CompletionStreamResponse,
  PerfMetrics,
  UsageInfo,
} from './schemas.ts'

// The pure accumulation of text-completion chunks, the counterpart of accumulateChat.ts.

/** One text-completion choice being streamed. Read its text with {@link joinPieces}. */
export interface CompletionChoiceState {
  readonly index: number
  readonly text: Accumulated<string> | undefined
  /** The legacy logprobs object of each chunk, merged by {@link toCompletionResponse}. */
  readonly logprobs: Accumulated<CompletionLogprobs> | undefined
  readonly finish_reason: string | null
}

/** Everything accumulated from a text-completion stream so far. Treat as immutable. */
export interface CompletionAccumulatorState {
  readonly id: string
  /** `undefined` until a chunk carries it (it is optional metadata). */
  readonly created: number | undefined
  readonly model: string
  /** `choices[i]` is the choice with `index` i. */
  readonly choices: readonly CompletionChoiceState[]
  readonly usage: UsageInfo | undefined
  /** Fireworks' `perf_metrics`, from the last chunk that had them. */
  readonly perf_metrics: PerfMetrics | undefined
  readonly chunks: number
}

/** The state before any chunk. */
export function createCompletionAccumulator(): CompletionAccumulatorState {
  return {
    id: '',
    created: undefined,
    model: '',
    choices: [],
    usage: undefined,
    perf_metrics: undefined,
    chunks: 0,
  }
}

function emptyChoice(index: number): CompletionChoiceState {
  return { index, text: undefined, logprobs: undefined, finish_reason: null }
}

/**
 * Adds one chunk and returns the new state without modifying `state`; untouched choices keep their
 * identity and one step costs O(size of the chunk).
 */
export function accumulateCompletionChunk(
  state: CompletionAccumulatorState,
  chunk: CompletionStreamResponse,
): CompletionAccumulatorState {
  let choices = state.choices
  if (chunk.choices.length > 0) {
    const next = choices.slice()
    for (const streamChoice of chunk.choices) {
      const index = streamChoice.index
      for (let hole = next.length; hole < index; hole++) next[hole] = emptyChoice(hole)
      const choice = next[index] ?? emptyChoice(index)
      next[index] = {
        index,
        text: streamChoice.text !== '' ? appendPiece(choice.text, streamChoice.text) : choice.text,
        logprobs: streamChoice.logprobs
          ? appendPiece(choice.logprobs, streamChoice.logprobs)
          : choice.logprobs,
        finish_reason: streamChoice.finish_reason ?? choice.finish_reason,
      }
    }
    choices = next
  }
  return {
    id: state.id || chunk.id,
    created: state.created ?? chunk.created ?? undefined,
    model: state.model || chunk.model,
    choices,
    usage: chunk.usage ?? state.usage,
    perf_metrics: chunk.perf_metrics ?? state.perf_metrics,
    chunks: state.chunks + 1,
  }
}

/** Concatenates the per-chunk legacy logprobs objects field by field. */
function mergeLogprobs(parts: CompletionLogprobs[]): CompletionLogprobs {
  const tokens: string[] = []
  const tokenLogprobs: (number | null)[] = []
  const topLogprobs: (Record<string, number> | null)[] = []
  const textOffset: number[] = []
  for (const part of parts) {
    if (part.tokens) tokens.push(...part.tokens)
    if (part.token_logprobs) tokenLogprobs.push(...part.token_logprobs)
    if (part.top_logprobs) topLogprobs.push(...part.top_logprobs)
    if (part.text_offset) textOffset.push(...part.text_offset)
  }
  return { tokens, token_logprobs: tokenLogprobs, top_logprobs: topLogprobs, text_offset: textOffset }
}

/** The accumulated completion, shaped as a non-streamed `text_completion` response. */
export function toCompletionResponse(state: CompletionAccumulatorState): CompletionResponse {
  const choices = state.choices.map((choice): Choice => {
    const out: Choice = {
      index: choice.index,
      text: joinPieces(choice.text),
      finish_reason: choice.finish_reason,
    }
    if (choice.logprobs !== undefined) out.logprobs = mergeLogprobs(piecesToArray(choice.logprobs))
    return out
  })
  const response: CompletionResponse = {
    id: state.id,
    object: 'text_completion',
    created: state.created,
    model: state.model,
    choices,
  }
  if (state.usage !== undefined) response.usage = state.usage
  if (state.perf_metrics !== undefined) response.perf_metrics = state.perf_metrics
  return response
}

/** Folds a whole list of chunks. */
export function accumulateCompletionChunks(
  chunks: Iterable<CompletionStreamResponse>,
): CompletionAccumulatorState {
  let state = createCompletionAccumulator()
  for (const chunk of chunks) state = accumulateCompletionChunk(state, chunk)
  return state
}
