import {
  type ChatCompletionParams,
  type ChatMessages,
  createPartialJsonParser,
  InvalidArgumentError,
  type KindlingError,
  type PartialJsonParser,
  type UsageInfo,
} from '@kindling/client'
import type { CompletionOutcome } from './completionStore.ts'
import { createFrameBatcher } from './frameBatcher.ts'
import {
  finishObject,
  type ObjectFormatOptions,
  type ObjectSchema,
  toResponseFormat,
} from './objectSchema.ts'
import {
  createObjectCompletionStore,
  type ObjectCompletionState,
  type ObjectCompletionStore,
} from './objectStore.ts'
import { createRequestSlot, type StreamedRequestConfig } from './requestSlot.ts'
import { toKindlingError } from './toKindlingError.ts'

// One object completion: a chat request whose answer is JSON for a schema, parsed as it streams
// (each chunk costs its own length), shown as immutable snapshots at most once per frame, and
// checked with the schema at the end. Shared by id like completions.

/** Everything one object request needs; the hook builds it from its latest options. */
export interface ObjectRequestConfig extends ObjectFormatOptions, StreamedRequestConfig {
  /** What the answer must be: a zod schema (validated at the end) or a plain JSON Schema. */
  schema: ObjectSchema
  /**
   * The other wire parameters (`max_tokens`, `temperature`, `seed`, …). `response_format` comes from
   * the schema, and one object is asked for (no `n`).
   */
  params?: (ChatCompletionParams & { response_format?: never; n?: never }) | undefined
  /** Called with the validated object once the answer ended well. */
  onFinish?: ((object: unknown, state: ObjectCompletionState) => void) | undefined
  /** Called when the request, its stream, the JSON or the schema check failed (not when stopped). */
  onError?: ((error: KindlingError) => void) | undefined
}

/** One object completion: its store and actions. Submitting while one streams stops it first. */
export interface ObjectEngine {
  readonly store: ObjectCompletionStore
  /** Asks for the object: a prompt (sent as one user message) or the whole conversation. */
  submit(input: string | ChatMessages, config: ObjectRequestConfig): Promise<void>
  /** Stops the request in progress, keeping the partial object and the text (`outcome: 'stopped'`). */
  stop(): void
  setInput(input: string): void
  /** Stops (no callback is called) and ignores every later call. */
  dispose(): void
}

/** Creates one object completion with its own store. */
export function createObjectEngine(): ObjectEngine {
  const store = createObjectCompletionStore()
  const slot = createRequestSlot()

  async function submit(input: string | ChatMessages, config: ObjectRequestConfig): Promise<void> {
    if (slot.disposed) return
    const request = slot.begin()
    const { live } = request
    const startedAt = Date.now()
    let firstTokenAt: number | undefined
    const parser: PartialJsonParser = createPartialJsonParser()
    // The first character that is not JSON: the rest is still read, so the error keeps the whole text.
    let parseFailure: Error | undefined
    let parsedSinceWrite = false
    let text = ''
    let finishReason: string | null = null
    let usage: UsageInfo | undefined
    let model = config.model

    function write(outcome?: CompletionOutcome, extra?: Partial<ObjectCompletionState>) {
      // A snapshot only when something was parsed since the last one: unchanged, `partial` keeps its identity.
      const partial = parsedSinceWrite ? { partial: parser.snapshot() } : {}
      parsedSinceWrite = false
      store.setState({
        text,
        finishReason,
        usage,
        model,
        timing: { startedAt, firstTokenAt, finishedAt: outcome ? Date.now() : undefined },
        ...partial,
        ...(outcome ? { outcome, status: outcome === 'error' ? 'error' : 'ready' } : {}),
        ...extra,
      })
    }
    const fail = (error: KindlingError) => {
      write('error', { error })
      config.onError?.(error)
    }

    const batcher = createFrameBatcher(() => live() && write(), {
      interval: config.batchInterval,
      scheduler: config.scheduler,
    })
    request.onStop(batcher.cancel, write)
    store.setState({
      partial: undefined,
      object: undefined,
      text: '',
      status: 'submitted',
      outcome: undefined,
      error: undefined,
      finishReason: null,
      usage: undefined,
      model: config.model,
      timing: { startedAt },
    })
    try {
      let responseFormat: ReturnType<typeof toResponseFormat>
      try {
        responseFormat = toResponseFormat(config.schema, config)
      } catch (thrown) {
        throw new InvalidArgumentError(
          `The schema cannot be written as JSON Schema: ${(thrown as Error).message}`,
          { cause: thrown },
        )
      }
      const messages: ChatMessages = typeof input === 'string' ? [{ role: 'user', content: input }] : input
      const stream = await config.client.chatCompletion.create(config.model, messages, {
        ...(config.includeUsage === false ? {} : { stream_options: { include_usage: true } }),
        ...config.params,
        ...config.requestOptions,
        response_format: responseFormat,
        stream: true,
        signal: request.signal,
      })
      if (!live()) return stream.abort()
      store.setState({ status: 'streaming' })
      for await (const chunk of stream) {
        if (!live()) break
        if (chunk.usage) usage = chunk.usage
        if (chunk.model) model = chunk.model
        const choice = chunk.choices[0]
        if (!choice) continue
        if (choice.finish_reason) finishReason = choice.finish_reason
        const piece = choice.delta.content
        if (!piece) continue
        firstTokenAt ??= Date.now()
        text += piece
        if (parseFailure === undefined) {
          try {
            parser.push(piece)
            parsedSinceWrite = true
          } catch (thrown) {
            parseFailure = thrown as Error
          }
        }
        batcher.request()
      }
      if (!live()) return
      batcher.cancel()
      request.end()
      const outcome = finishObject(parser, parseFailure, config.schema, text, finishReason)
      parsedSinceWrite = true
      if ('error' in outcome) return fail(outcome.error)
      write('done', { object: outcome.object })
      config.onFinish?.(outcome.object, store.getState())
    } catch (thrown) {
      batcher.cancel()
      if (!live()) return
      request.end()
      fail(toKindlingError(thrown))
    }
  }

  return {
    store,
    submit,
    stop: slot.stop,
    setInput: (input) => {
      if (!slot.disposed) store.setState({ input })
    },
    dispose: slot.dispose,
  }
}
