import type { Choice, CompletionResponse, CompletionStreamResponse } from '@kindling/client'
import { completionLogprobs } from './logprobs.ts'
import type { ChoicePlan } from './planChoice.ts'
import { type Usage, usage } from './usage.ts'

/** One choice of a text completion: its plan and the prompt it echoes first, if `echo` is set. */
export interface CompletionChoice {
  plan: ChoicePlan
  echoed: string
}

/** Everything needed to write one text completion, streamed or not. */
export interface CompletionGeneration {
  id: string
  created: number
  model: string
  choices: CompletionChoice[]
  promptTokens: number
  /** The request's `logprobs` (how many alternatives per token), or null for none. */
  topLogprobs: number | null
  includeUsage: boolean
}

function totalUsage(generation: CompletionGeneration): Usage {
  const completion = generation.choices.reduce((sum, choice) => sum + choice.plan.completionTokens, 0)
  return usage(generation.promptTokens, completion)
}

const tokensOf = (choice: CompletionChoice) =>
  choice.plan.deltas.map((delta) => ('text' in delta ? delta.text : ''))

/**
 * The chunks of a streamed text completion: the echoed prompt (if any), one chunk per token with
 * choices interleaved round-robin, a `finish_reason` chunk as each choice ends, and `usage` on the
 * last chunk (or in a final `choices: []` chunk with `includeUsage`).
 */
export function completionChunks(generation: CompletionGeneration): CompletionStreamResponse[] {
  const { id, created, model, topLogprobs } = generation
  const chunk = (choice: Choice): CompletionStreamResponse => ({
    id,
    object: 'text_completion',
    created,
    model,
    choices: [choice],
  })
  const chunks: CompletionStreamResponse[] = []
  const tokenLists = generation.choices.map(tokensOf)
  const offsets = generation.choices.map((choice) => choice.echoed.length)
  for (const [index, choice] of generation.choices.entries()) {
    if (choice.echoed !== '')
      chunks.push(chunk({ index, text: choice.echoed, logprobs: null, finish_reason: null }))
  }
  // A loop, not Math.max(...array): spreading 100k+ arguments overflows the call stack.
  const longest = tokenLists.reduce((most, tokens) => Math.max(most, tokens.length), 0)
  for (let step = 0; step <= longest; step++) {
    for (const [index, choice] of generation.choices.entries()) {
      const tokens = tokenLists[index] ?? []
      const token = tokens[step]
      if (token !== undefined) {
        const offset = offsets[index] ?? 0
        offsets[index] = offset + token.length
        const logprobs = topLogprobs === null ? null : completionLogprobs([token], topLogprobs, offset)
        chunks.push(chunk({ index, text: token, logprobs, finish_reason: null }))
      } else if (step === tokens.length) {
        chunks.push(chunk({ index, text: '', logprobs: null, finish_reason: choice.plan.finishReason }))
      }
    }
  }
  if (generation.includeUsage) {
    chunks.push({ id, object: 'text_completion', created, model, choices: [], usage: totalUsage(generation) })
  } else {
    const last = chunks.at(-1)
    if (last) last.usage = totalUsage(generation)
  }
  return chunks
}

/** The body of a text completion that is not streamed. */
export function completionResponse(generation: CompletionGeneration): CompletionResponse {
  const { id, created, model, topLogprobs } = generation
  const choices = generation.choices.map((choice, index): Choice => {
    const tokens = tokensOf(choice)
    return {
      index,
      text: choice.echoed + tokens.join(''),
      logprobs: topLogprobs === null ? null : completionLogprobs(tokens, topLogprobs, choice.echoed.length),
      finish_reason: choice.plan.finishReason,
    }
  })
  return { id, object: 'text_completion', created, model, choices, usage: totalUsage(generation) }
}
