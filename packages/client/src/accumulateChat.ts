import { type Accumulated, appendPiece, joinPieces, piecesToArray } from './pieces.ts'
import type {
  ChatCompletionResponse,
  ChatCompletionResponseChoice,
  ChatCompletionStreamResponse,
  ChatMessage,
  ChatRole,
  DeltaMessage,
  PerfMetrics,
  TokenLogprob,
  ToolCall,
  ToolCallDelta,
  UsageInfo,
} from './schemas.ts'

// The pure accumulation of chat chunks into a response, shared by streams and the React hooks.
// Each step returns a new state; choices and tool calls a chunk does not touch keep their identity,
// and text grows by appending pieces, so one step costs O(size of the chunk).

/** One tool call being streamed: fragments merged by `index`, arguments appended. */
export interface ToolCallState {
  readonly index: number
  readonly id: string | undefined
  readonly type: 'function'
  readonly name: string
  /** The argument fragments; {@link joinPieces} gives the JSON text so far. */
  readonly arguments: Accumulated<string> | undefined
}

/** One choice being streamed. Read its text with {@link joinPieces}, or all of it with {@link toChatMessage}. */
export interface ChatChoiceState {
  readonly index: number
  /** From the first delta that had one; `assistant` when none did. */
  readonly role: string | undefined
  /** Content fragments; `undefined` until a delta carries `content`. */
  readonly content: Accumulated<string> | undefined
  /** `reasoning_content` fragments (DeepSeek, vLLM and Fireworks reasoning models). */
  readonly reasoning: Accumulated<string> | undefined
  /** Tool calls by position of first appearance. */
  readonly toolCalls: readonly ToolCallState[]
  /** Chat log probabilities, one entry per token. */
  readonly logprobs: Accumulated<TokenLogprob> | undefined
  readonly finish_reason: string | null
}

/** Everything accumulated from a chat stream so far. Treat as immutable. */
export interface ChatAccumulatorState {
  /** From the first chunk with a non-empty value. */
  readonly id: string
  /** `undefined` until a chunk carries it (it is optional metadata). */
  readonly created: number | undefined
  readonly model: string
  /** `choices[i]` is the choice with `index` i. */
  readonly choices: readonly ChatChoiceState[]
  /** From the last chunk that had usage. */
  readonly usage: UsageInfo | undefined
  /** Fireworks' `perf_metrics`, from the last chunk that had them (`perf_metrics_in_response`). */
  readonly perf_metrics: PerfMetrics | undefined
  /** How many chunks were added. */
  readonly chunks: number
}

/** The state before any chunk. */
export function createChatAccumulator(): ChatAccumulatorState {
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

const EMPTY_DELTA: DeltaMessage = Object.freeze({})

function emptyChoice(index: number): ChatChoiceState {
  return {
    index,
    role: undefined,
    content: undefined,
    reasoning: undefined,
    toolCalls: [],
    logprobs: undefined,
    finish_reason: null,
  }
}

/**
 * Adds one chunk and returns the new state; `state` itself is not modified. Choices the chunk does
 * not touch are the same objects as before (so a UI can skip them); usage-only chunks
 * (`choices: []`) and first chunks without choices are fine.
 */
export function accumulateChatChunk(
  state: ChatAccumulatorState,
  chunk: ChatCompletionStreamResponse,
): ChatAccumulatorState {
  let choices = state.choices
  const streamChoices = chunk.choices
  if (streamChoices.length > 0) {
    const next = choices.slice()
    for (let i = 0; i < streamChoices.length; i++) {
      const streamChoice = streamChoices[i] as ChatCompletionStreamResponse['choices'][number]
      const index = streamChoice.index
      for (let hole = next.length; hole < index; hole++) next[hole] = emptyChoice(hole)
      next[index] = applyChoiceDelta(next[index] ?? emptyChoice(index), streamChoice)
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

function applyChoiceDelta(
  choice: ChatChoiceState,
  streamChoice: ChatCompletionStreamResponse['choices'][number],
): ChatChoiceState {
  // A chunk that did not go through the stream (a test, a recording) may lack `delta`.
  const delta: DeltaMessage = streamChoice.delta ?? EMPTY_DELTA
  const logprobTokens = streamChoice.logprobs?.content
  let logprobs = choice.logprobs
  if (logprobTokens)
    for (let i = 0; i < logprobTokens.length; i++)
      logprobs = appendPiece(logprobs, logprobTokens[i] as TokenLogprob)
  const content = delta.content
  const reasoning = delta.reasoning_content ?? (delta as { reasoning?: unknown }).reasoning
  const toolCalls = delta.tool_calls
  return {
    index: choice.index,
    role: choice.role ?? delta.role ?? undefined,
    content:
      typeof content === 'string' && (content !== '' || choice.content === undefined)
        ? appendPiece(choice.content, content)
        : choice.content,
    reasoning:
      typeof reasoning === 'string' && reasoning !== ''
        ? appendPiece(choice.reasoning, reasoning)
        : choice.reasoning,
    toolCalls: toolCalls?.length ? applyToolCallDeltas(choice.toolCalls, toolCalls) : choice.toolCalls,
    logprobs,
    finish_reason: streamChoice.finish_reason ?? choice.finish_reason,
  }
}

function applyToolCallDeltas(
  calls: readonly ToolCallState[],
  deltas: readonly ToolCallDelta[],
): ToolCallState[] {
  const next = calls.slice()
  for (const delta of deltas) {
    const position = next.findIndex((call) => call.index === delta.index)
    const current: ToolCallState = next[position] ?? {
      index: delta.index,
      id: undefined,
      type: 'function',
      name: '',
      arguments: undefined,
    }
    const fragment = delta.function?.arguments
    const updated: ToolCallState = {
      index: delta.index,
      id: delta.id || current.id,
      type: 'function',
      // Name comes whole on the first fragment (OpenAI, Fireworks); a later one replaces it, as the
      // OpenAI SDK does.
      name: delta.function?.name || current.name,
      arguments: fragment ? appendPiece(current.arguments, fragment) : current.arguments,
    }
    if (position === -1) next.push(updated)
    else next[position] = updated
  }
  return next
}

const roles: ReadonlySet<string | undefined> = new Set<ChatRole>([
  'system',
  'developer',
  'user',
  'assistant',
  'tool',
])
function isChatRole(role: string | undefined): role is ChatRole {
  return roles.has(role)
}

/** A finished tool call from its streamed state. */
export function toToolCall(call: ToolCallState): ToolCall {
  return {
    id: call.id ?? '',
    type: 'function',
    function: { name: call.name, arguments: joinPieces(call.arguments) },
  }
}

/** The message a choice has produced so far, as a non-streamed response would carry it. */
export function toChatMessage(choice: ChatChoiceState): ChatMessage {
  const message: ChatMessage = {
    role: isChatRole(choice.role) ? choice.role : 'assistant',
    content: choice.content === undefined ? null : joinPieces(choice.content),
  }
  if (choice.reasoning !== undefined) message.reasoning_content = joinPieces(choice.reasoning)
  if (choice.toolCalls.length > 0) message.tool_calls = choice.toolCalls.map(toToolCall)
  return message
}

/** The accumulated chat completion, shaped as a non-streamed `chat.completion` response. */
export function toChatCompletionResponse(state: ChatAccumulatorState): ChatCompletionResponse {
  const choices = state.choices.map((choice): ChatCompletionResponseChoice => {
    const out: ChatCompletionResponseChoice = {
      index: choice.index,
      message: toChatMessage(choice),
      finish_reason: choice.finish_reason,
    }
    if (choice.logprobs !== undefined) out.logprobs = { content: piecesToArray(choice.logprobs) }
    return out
  })
  const response: ChatCompletionResponse = {
    id: state.id,
    object: 'chat.completion',
    created: state.created,
    model: state.model,
    choices,
  }
  if (state.usage !== undefined) response.usage = state.usage
  if (state.perf_metrics !== undefined) response.perf_metrics = state.perf_metrics
  return response
}

/** Folds a whole list of chunks; handy in tests and for replaying a recorded stream. */
export function accumulateChatChunks(chunks: Iterable<ChatCompletionStreamResponse>): ChatAccumulatorState {
  let state = createChatAccumulator()
  for (const chunk of chunks) state = accumulateChatChunk(state, chunk)
  return state
}
