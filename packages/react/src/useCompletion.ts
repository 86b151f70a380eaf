import type { KindlingClient } from '@kindling/client'
import { type FormEvent, useEffect, useId, useMemo } from 'react'
import { useStore } from 'zustand'
import type { CompletionRequestConfig } from './core/completionEngine.ts'
import type { CompletionState } from './core/completionStore.ts'
import { useKindlingClient, useKindlingContext } from './KindlingProvider.tsx'
import { useLatest } from './useLatest.ts'

/**
 * The options of {@link useCompletion}: `model`, the wire parameters as one `params` object,
 * callbacks. Nothing but `params` is ever sent as a request parameter.
 */
export type UseCompletionOptions = Omit<CompletionRequestConfig, 'client'> & {
  /** Hooks with the same id share one completion, in any component. Default: one of this component. */
  id?: string | undefined
  /** The client; default the {@link KindlingProvider}'s. */
  client?: KindlingClient | undefined
}

/** What {@link useCompletion} returns. */
export interface UseCompletionResult extends CompletionState {
  /** The completion's id (the one given, or a generated one). */
  readonly id: string
  /** Streams a completion of `prompt`, stopping one in progress first. */
  complete(prompt: string): Promise<void>
  /** Stops the completion in progress, keeping its text and closing the connection. */
  stop(): void
  setInput(input: string): void
  /** For a `<form onSubmit>`: completes `input` (unless blank). The input is kept, as prompts are often refined. */
  handleSubmit(event?: Pick<FormEvent, 'preventDefault'>): Promise<void>
}

function configOf(options: UseCompletionOptions, client: KindlingClient): CompletionRequestConfig {
  return {
    client,
    model: options.model,
    params: options.params,
    requestOptions: options.requestOptions,
    includeUsage: options.includeUsage,
    onFinish: options.onFinish,
    onError: options.onError,
    batchInterval: options.batchInterval,
    scheduler: options.scheduler,
  }
}

/**
 * A streamed text completion (`POST /completions`). The text reaches the state at most once per
 * animation frame. Completions follow the chats' lifetime rule: shared by `id`, stopped when the
 * last consumer unmounts (not by StrictMode's simulated unmount).
 *
 * @example
 * const { completion, complete, status } = useCompletion({ model: 'kindling-text', params: { max_tokens: 64 } })
 * <button onClick={() => complete('Once upon a time')}>Go</button>
 * <p>{completion}</p>
 */
export function useCompletion(options: UseCompletionOptions): UseCompletionResult {
  const generatedId = useId()
  const id = options.id ?? `completion${generatedId}`
  const forgetWhenUnused = options.id === undefined
  const client = useKindlingClient(options.client)
  const { completions } = useKindlingContext()
  const engine = completions.get(id)
  const latest = useLatest({ options, client })
  useEffect(() => completions.retain(id, { forgetWhenUnused }), [completions, id, forgetWhenUnused])
  const state = useStore(engine.store)
  const actions = useMemo(() => {
    const config = () => configOf(latest.current.options, latest.current.client)
    return {
      complete: (prompt: string) => engine.complete(prompt, config()),
      stop: engine.stop,
      setInput: engine.setInput,
      handleSubmit(event?: Pick<FormEvent, 'preventDefault'>) {
        event?.preventDefault()
        const input = engine.store.getState().input
        return input.trim() === '' ? Promise.resolve() : engine.complete(input, config())
      },
    }
  }, [engine, latest])
  return { ...state, id, ...actions }
}
