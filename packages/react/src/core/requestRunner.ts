import {
  type ChatAccumulatorState,
  type ChatCompletionParams,
  type ChatCompletionResponse,
  type ChatCompletionStream,
  type ChatCompletionStreamResponse,
  type ChatRequestMessage,
  createChatAccumulator,
  type DeltaMessage,
  type KindlingClient,
  type KindlingError,
  type RequestOptions,
  serverTimeToFirstTokenMs,
  toChatCompletionResponse,
} from '@kindling/client'
import type { ChatUIMessage } from './chatMessage.ts'
import { type BatchInterval, createFrameBatcher, type FrameScheduler } from './frameBatcher.ts'
import { toKindlingError } from './toKindlingError.ts'
import { type ToolSet, wireToolsOf } from './tools.ts'

// One request: messages → client.chatCompletion.create (streamed) → the client's accumulator →
// the frame batcher → one write per frame. It owns no chat state: the engine says what a write does.

/** Everything one chat request needs; hooks build it from their latest options at call time. */
export interface ChatRequestConfig {
  client: KindlingClient
  model: string
  /** The wire parameters, as one object: `temperature`, `max_tokens`, `tools`, `n`, … */
  params?: ChatCompletionParams | undefined
  /**
   * The tools the model may call and the page runs (see `ToolSet`). Sent as the wire `tools` unless
   * `params.tools` is given; an answer with tool calls then runs them and asks again by itself.
   */
  tools?: ToolSet | undefined
  /** The most automatic follow-up requests per user turn before the tool loop pauses (default 5). */
  maxSteps?: number | undefined
  /** Per-request options: `headers`, `requestTimeout`, `maxRetries`. */
  requestOptions?: Omit<RequestOptions, 'signal'> | undefined
  /** Ask for usage in the last chunk (`stream_options.include_usage`). Default true. */
  includeUsage?: boolean | undefined
  /** Called for every delta of every choice, as it arrives (before it reaches the store). */
  onDelta?:
    | ((delta: DeltaMessage, info: { index: number; chunk: ChatCompletionStreamResponse }) => void)
    | undefined
  /** Called once an answer completed. */
  onFinish?: ((message: ChatUIMessage, response: ChatCompletionResponse) => void) | undefined
  /** Called when a request or its stream failed (not when it was stopped). */
  onError?: ((error: KindlingError, message: ChatUIMessage) => void) | undefined
  /** How often deltas reach the store (default `'frame'`). */
  batchInterval?: BatchInterval | undefined
  /** Replaces the frame scheduler, e.g. with a manual one in tests. */
  scheduler?: FrameScheduler | undefined
}

/** What a running request reports; the engine turns each into one store write. */
export interface RequestSink {
  /** Every chunk, as it is folded in (cheap: no write is due; a stop reads the latest from here). */
  received(accumulator: ChatAccumulatorState, firstTokenAt: number | undefined): void
  /** The first chunk arrived without text: the answer is open. */
  opened(): void
  /** New text to show (at most once per frame; the first token at once). */
  frame(accumulator: ChatAccumulatorState, firstTokenAt: number | undefined): void
  /** The response arrived (its headers say whether the server keeps the stream for a resume). */
  started?(stream: ChatCompletionStream): void
}

/** How a request ended. `aborted`: stopped by its signal (no write is due). */
export type RequestOutcome =
  | {
      kind: 'done'
      accumulator: ChatAccumulatorState
      response: ChatCompletionResponse
      firstTokenAt: number | undefined
      /** The server's own time to first token (ms), when it reports one (Fireworks' metrics). */
      serverTimeToFirstToken: number | undefined
    }
  | {
      kind: 'error'
      accumulator: ChatAccumulatorState
      error: KindlingError
      firstTokenAt: number | undefined
      serverTimeToFirstToken: number | undefined
    }
  | { kind: 'aborted' }

function hasToken(chunk: ChatCompletionStreamResponse): boolean {
  for (const choice of chunk.choices) {
    const delta = choice.delta
    if (delta.content || delta.reasoning_content || delta.tool_calls?.length) return true
  }
  return false
}

/**
 * Streams one answer to `messages`, reporting to `sink`, until done, failed or `signal` aborts.
 * Never throws: failures are an outcome. `open` replaces the request (a resumed stream).
 */
export async function runChatRequest(
  config: ChatRequestConfig,
  messages: readonly ChatRequestMessage[],
  sink: RequestSink,
  signal: AbortSignal,
  open?: (signal: AbortSignal) => Promise<ChatCompletionStream>,
): Promise<RequestOutcome> {
  let accumulator: ChatAccumulatorState = createChatAccumulator()
  let firstTokenAt: number | undefined
  const live = () => !signal.aborted
  const batcher = createFrameBatcher(() => live() && sink.frame(accumulator, firstTokenAt), {
    interval: config.batchInterval,
    scheduler: config.scheduler,
  })
  // The caller just committed the user's message: a first token in this same frame goes with the frame.
  batcher.hold()
  let stream: ChatCompletionStream | undefined
  const serverTimeToFirstToken = () => serverTimeToFirstTokenMs(stream?.perfMetrics)
  try {
    // The wire body is `params` and nothing else: no option of a hook can leak into a request.
    stream = open ? await open(signal) : undefined
    stream ??= await config.client.chatCompletion.create(config.model, [...messages], {
      ...(config.includeUsage === false ? {} : { stream_options: { include_usage: true } }),
      ...(config.tools && config.params?.tools === undefined
        ? { tools: await wireToolsOf(config.tools) }
        : {}),
      ...config.params,
      ...config.requestOptions,
      stream: true,
      signal,
    })
    if (!live()) {
      stream.abort()
      return { kind: 'aborted' }
    }
    sink.started?.(stream)
    let opened = false
    for await (const chunk of stream) {
      if (!live()) break
      // The stream already accumulates what it delivers: a second accumulation would double the memory.
      accumulator = stream.accumulated
      const token = hasToken(chunk)
      const firstToken = token && firstTokenAt === undefined
      if (firstToken) firstTokenAt = Date.now()
      sink.received(accumulator, firstTokenAt)
      if (config.onDelta) {
        for (const choice of chunk.choices) config.onDelta(choice.delta, { index: choice.index, chunk })
      }
      // The first chunk (status 'streaming') and the first token are shown at once, not a frame
      // later: one commit for both when the first chunk carries text. The rest is paced by frames.
      if (firstToken) batcher.requestNow()
      else if (!opened) sink.opened()
      else if (token) batcher.request()
      opened = true
    }
    if (!live()) return { kind: 'aborted' }
    // The end takes the place of the pending frame's commit instead of adding one; an answer whose
    // tools the engine runs ends at once, so the follow-up request does not wait for a frame.
    if (config.tools && accumulator.choices.some((choice) => choice.toolCalls.length > 0)) batcher.cancel()
    else await batcher.end()
    batcher.cancel()
    if (!live()) return { kind: 'aborted' }
    return {
      kind: 'done',
      accumulator,
      response: toChatCompletionResponse(accumulator),
      firstTokenAt,
      serverTimeToFirstToken: serverTimeToFirstToken(),
    }
  } catch (thrown) {
    batcher.cancel()
    if (!live()) return { kind: 'aborted' }
    return {
      kind: 'error',
      accumulator,
      error: toKindlingError(thrown),
      firstTokenAt,
      serverTimeToFirstToken: serverTimeToFirstToken(),
    }
  }
}
