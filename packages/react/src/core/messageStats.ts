import type { ChatUIMessage } from './chatMessage.ts'

/** Time to first token (ms) and output tokens per second of an answer, when known. */
export interface MessageStats {
  /** Measured here: from sending the request to the first token arriving. */
  timeToFirstToken: number | undefined
  /** As the server reported it (Fireworks), without the network: compare with `timeToFirstToken`. */
  serverTimeToFirstToken: number | undefined
  tokensPerSecond: number | undefined
}

/** Time to first token and tokens per second of an answer, from its `timing` and `usage`. */
export function messageStats(message: Pick<ChatUIMessage, 'timing' | 'usage'>): MessageStats {
  const timing = message.timing
  const first = timing?.firstTokenAt
  const timeToFirstToken = timing && first !== undefined ? first - timing.startedAt : undefined
  const tokens = message.usage?.completion_tokens
  const seconds =
    first !== undefined && timing?.finishedAt !== undefined ? (timing.finishedAt - first) / 1000 : undefined
  const tokensPerSecond =
    typeof tokens === 'number' && seconds !== undefined && seconds > 0 ? tokens / seconds : undefined
  return { timeToFirstToken, serverTimeToFirstToken: timing?.serverTimeToFirstToken, tokensPerSecond }
}
