import type { ModelOutput } from './models/index.ts'
import { iterateTokens } from './tokenizer.ts'
import type { TokenBudget } from './workLimits.ts'

/** One token-sized piece of an answer, in the order it streams. */
export type PlannedDelta =
  | { kind: 'reasoning'; text: string }
  | { kind: 'content'; text: string }
  | { kind: 'toolCall'; toolIndex: number; id: string; name: string }
  | { kind: 'toolArguments'; toolIndex: number; text: string }

/** Why a choice ended, as `finish_reason` says it. */
export type FinishReason = 'stop' | 'length' | 'tool_calls'

/** A choice cut into the deltas it streams, with how it ends and what it costs. */
export interface ChoicePlan {
  deltas: PlannedDelta[]
  finishReason: FinishReason
  /** Reasoning and content tokens, plus one per tool call and its argument tokens. */
  completionTokens: number
}

/** The request's limits on a choice. */
export interface ChoiceLimits {
  stop?: string | string[] | null | undefined
  maxTokens?: number | null | undefined
  /** The server's bound on the whole answer, spent token by token (it throws when exhausted). */
  budget?: TokenBudget
}

/** `text` cut before the first stop sequence, and whether one was found. */
export function applyStop(text: string, stop: ChoiceLimits['stop']): { text: string; stopped: boolean } {
  const sequences = stop == null ? [] : typeof stop === 'string' ? [stop] : stop
  let cut = -1
  for (const sequence of sequences) {
    if (sequence === '') continue
    const at = text.indexOf(sequence)
    if (at !== -1 && (cut === -1 || at < cut)) cut = at
  }
  return cut === -1 ? { text, stopped: false } : { text: text.slice(0, cut), stopped: true }
}

/**
 * Cuts a model's output into the deltas of one choice: reasoning tokens, then content tokens (the
 * content ends before the first `stop` sequence), then each tool call (its name, then its arguments
 * token by token). `maxTokens` counts all of them; running out ends the choice with `"length"`.
 */
export function planChoice(output: ModelOutput, limits: ChoiceLimits): ChoicePlan {
  const budget = limits.maxTokens ?? Number.POSITIVE_INFINITY
  const deltas: PlannedDelta[] = []
  let used = 0
  const take = (delta: PlannedDelta): boolean => {
    if (used >= budget) return false
    limits.budget?.spend()
    used++
    deltas.push(delta)
    return true
  }
  const cut = (): ChoicePlan => ({ deltas, finishReason: 'length', completionTokens: used })

  for (const text of iterateTokens(output.reasoning ?? ''))
    if (!take({ kind: 'reasoning', text })) return cut()
  const content = applyStop(output.content, limits.stop)
  for (const text of iterateTokens(content.text)) if (!take({ kind: 'content', text })) return cut()
  const toolCalls = content.stopped ? [] : (output.toolCalls ?? [])
  for (const [toolIndex, call] of toolCalls.entries()) {
    if (!take({ kind: 'toolCall', toolIndex, id: call.id, name: call.name })) return cut()
    for (const text of iterateTokens(call.arguments))
      if (!take({ kind: 'toolArguments', toolIndex, text })) return cut()
  }
  return { deltas, finishReason: toolCalls.length > 0 ? 'tool_calls' : 'stop', completionTokens: used }
}
