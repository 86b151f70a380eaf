import type { WorkLimits } from './options.ts'

/** A request that asks for more work than a {@link WorkLimits} bound allows. */
export class LimitExceeded extends Error {
  constructor(
    /** 400 for a parameter out of range, 413 for an answer too large to plan. */
    readonly status: 400 | 413,
    message: string,
    /** The request field or header to change. */
    readonly param: string | null,
  ) {
    super(message)
    this.name = 'LimitExceeded'
  }
}

const figure = (value: number) => value.toLocaleString('en-US')

/** Throws unless `choices` (n, times the prompts) is within `maxChoices`. */
export function checkChoices(choices: number, limits: WorkLimits, what: string): void {
  if (choices <= limits.maxChoices) return
  throw new LimitExceeded(
    400,
    `The request asks for ${figure(choices)} choices (${what}); this server's limit maxChoices is ${figure(limits.maxChoices)}.`,
    'n',
  )
}

/** Counts tokens as an answer is planned; throws once the answer passes `maxAnswerTokens`. */
export interface TokenBudget {
  /** Spends `tokens` (default 1). */
  spend(tokens?: number): void
}

/** A {@link TokenBudget}; each token costs `weight` (1 + the logprobs alternatives sent with it). */
export function tokenBudget(limits: WorkLimits, weight: number): TokenBudget {
  let left = limits.maxAnswerTokens
  return {
    spend(tokens = 1) {
      left -= tokens * weight
      if (left < 0) {
        throw new LimitExceeded(
          413,
          `The answer would pass ${figure(limits.maxAnswerTokens)} tokens${weight > 1 ? ` (counting each of the ${weight - 1} logprobs alternatives per token)` : ''}, this server's limit maxAnswerTokens. Ask for fewer choices, set max_tokens, or send less text to echo.`,
          'max_tokens',
        )
      }
    },
  }
}

/** Throws unless a delay asked for by the request is within `maxDelayMs` (per chunk) and `maxTotalDelayMs`. */
export function checkRequestedDelay(
  delayMs: number,
  chunks: number,
  limits: WorkLimits,
  param: string,
): void {
  if (delayMs > limits.maxDelayMs) {
    throw new LimitExceeded(
      400,
      `A delay of ${figure(delayMs)} ms per chunk passes this server's limit maxDelayMs of ${figure(limits.maxDelayMs)} ms.`,
      param,
    )
  }
  if (delayMs * chunks > limits.maxTotalDelayMs) {
    throw new LimitExceeded(
      400,
      `A delay of ${figure(delayMs)} ms before each of ${figure(chunks)} chunks passes this server's limit maxTotalDelayMs of ${figure(limits.maxTotalDelayMs)} ms.`,
      param,
    )
  }
}
