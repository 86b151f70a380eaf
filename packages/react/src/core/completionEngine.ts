import {
  type CompletionAccumulatorState,
  type CompletionChoiceState,
  type CompletionParams,
  type CompletionResponse,
  createCompletionAccumulator,
  joinPieces,
  toCompletionResponse,
} from '@kindling/client'
import {
  type CompletionChoiceView,
  type CompletionOutcome,
  type CompletionState,
  type CompletionStore,
  createCompletionStore,
} from './completionStore.ts'
import { createFrameBatcher } from './frameBatcher.ts'
import { createRequestSlot, type StreamedRequestConfig } from './requestSlot.ts'
import { toKindlingError } from './toKindlingError.ts'

// One text completion: a vanilla store and complete/stop over it. Shared by id like chats.

/** Everything one completion request needs; the hook builds it from its latest options. */
export interface CompletionRequestConfig extends StreamedRequestConfig {
  /** Request parameters: `max_tokens`, `temperature`, `n`, `stop`, … */
  params?: CompletionParams | undefined
  /** Called once the completion finished. */
  onFinish?: ((completion: string, response: CompletionResponse) => void) | undefined
}

/** One text completion: its store and actions. Completing while one streams stops it first. */
export interface CompletionEngine {
  readonly store: CompletionStore
  /** Streams a completion of `prompt`. */
  complete(prompt: string, config: CompletionRequestConfig): Promise<void>
  /** Stops the completion in progress, keeping its text (`outcome: 'stopped'`). */
  stop(): void
  setInput(input: string): void
  /** Stops (no callback is called) and ignores every later call. */
  dispose(): void
}

const viewCache = new WeakMap<CompletionChoiceState, CompletionChoiceView>()

function viewOf(choice: CompletionChoiceState): CompletionChoiceView {
  let view = viewCache.get(choice)
  if (view === undefined) {
    view = { index: choice.index, text: joinPieces(choice.text), finish_reason: choice.finish_reason }
    viewCache.set(choice, view)
  }
  return view
}

/** Creates one text completion with its own store. */
export function createCompletionEngine(): CompletionEngine {
  const store = createCompletionStore()
  const slot = createRequestSlot()

  async function complete(prompt: string, config: CompletionRequestConfig): Promise<void> {
    if (slot.disposed) return
    const request = slot.begin()
    const { live } = request
    const startedAt = Date.now()
    let firstTokenAt: number | undefined
    let accumulator: CompletionAccumulatorState = createCompletionAccumulator()

    function write(outcome?: CompletionOutcome, extra?: Partial<CompletionState>) {
      const choices = accumulator.choices.map(viewOf)
      store.setState({
        completion: choices[0]?.text ?? '',
        choices,
        usage: accumulator.usage,
        model: accumulator.model || config.model,
        timing: { startedAt, firstTokenAt, finishedAt: outcome ? Date.now() : undefined },
        ...(outcome ? { outcome, status: outcome === 'error' ? 'error' : 'ready' } : {}),
        ...extra,
      })
    }

    const batcher = createFrameBatcher(() => live() && write(), {
      interval: config.batchInterval,
      scheduler: config.scheduler,
    })
    request.onStop(batcher.cancel, write)
    store.setState({
      completion: '',
      choices: [],
      status: 'submitted',
      outcome: undefined,
      error: undefined,
      usage: undefined,
      model: config.model,
      prompt,
      timing: { startedAt },
    })
    try {
      const stream = await config.client.completion.create(config.model, prompt, {
        ...(config.includeUsage === false ? {} : { stream_options: { include_usage: true } }),
        ...config.params,
        ...config.requestOptions,
        stream: true,
        signal: request.signal,
      })
      if (!live()) return stream.abort()
      store.setState({ status: 'streaming' })
      for await (const chunk of stream) {
        if (!live()) break
        // The stream already accumulates what it delivers: a second accumulation would double the memory.
        accumulator = stream.accumulated
        if (firstTokenAt === undefined && chunk.choices.some((choice) => choice.text !== '')) {
          firstTokenAt = Date.now()
        }
        batcher.request()
      }
      if (!live()) return
      batcher.cancel()
      request.end()
      write('done')
      config.onFinish?.(store.getState().completion, toCompletionResponse(accumulator))
    } catch (thrown) {
      batcher.cancel()
      if (!live()) return
      request.end()
      const error = toKindlingError(thrown)
      write('error', { error })
      config.onError?.(error)
    }
  }

  return {
    store,
    complete,
    stop: slot.stop,
    setInput: (input) => {
      if (!slot.disposed) store.setState({ input })
    },
    dispose: slot.dispose,
  }
}
