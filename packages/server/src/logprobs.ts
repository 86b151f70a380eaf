import { hashString } from './random.ts'

const ALTERNATIVES = [' the', ' a', ',', '.', ' and', ' of', ' to', ' in', ' it', ' is']
const encoder = new TextEncoder()

/** A made-up but stable log probability for a token: the same token always gets the same value. */
export function tokenLogprob(token: string): number {
  return -Math.round((hashString(token) % 2500) / 10) / 100
}

/** The `top` most likely tokens at a position: the chosen one first, then stable alternatives. */
export function topAlternatives(token: string, top: number): { token: string; logprob: number }[] {
  const logprob = tokenLogprob(token)
  const result = [{ token, logprob }]
  for (const alternative of ALTERNATIVES) {
    if (result.length >= top) break
    if (alternative !== token)
      result.push({ token: alternative, logprob: Math.round((logprob - result.length) * 100) / 100 })
  }
  return result.slice(0, top)
}

/** One entry of a chat choice's `logprobs.content`, as OpenAI sends it. */
export type ChatTokenLogprob = {
  token: string
  logprob: number
  bytes: number[]
  top_logprobs: { token: string; logprob: number; bytes: number[] }[]
}

/** The chat `logprobs.content` entry for one token. */
export function chatTokenLogprob(token: string, top: number): ChatTokenLogprob {
  return {
    token,
    logprob: tokenLogprob(token),
    bytes: Array.from(encoder.encode(token)),
    top_logprobs: topAlternatives(token, top).map((entry) => ({
      ...entry,
      bytes: Array.from(encoder.encode(entry.token)),
    })),
  }
}

/** A completion choice's `logprobs`, as the legacy completions API sends it. */
export type CompletionLogprobs = {
  tokens: string[]
  token_logprobs: number[]
  top_logprobs: Record<string, number>[]
  text_offset: number[]
}

/** Completion `logprobs` for `tokens` starting at character `offset` of the choice's text. */
export function completionLogprobs(tokens: string[], top: number, offset: number): CompletionLogprobs {
  const text_offset: number[] = []
  let at = offset
  for (const token of tokens) {
    text_offset.push(at)
    at += token.length
  }
  return {
    tokens,
    token_logprobs: tokens.map(tokenLogprob),
    // The sampled token is always listed, as OpenAI does: `logprobs: 0` gives it alone.
    top_logprobs: tokens.map((token) =>
      Object.fromEntries(topAlternatives(token, Math.max(1, top)).map((e) => [e.token, e.logprob])),
    ),
    text_offset,
  }
}
