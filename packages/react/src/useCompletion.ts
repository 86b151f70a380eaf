import type { CompletionParams, KindlingClient } from '@kindling/client'
import { type FormEvent, useEffect, useMemo, useState } from 'react'
import { useStore } from 'zustand'
import { type CompletionRequestConfig, createCompletionSession } from './completionSession.ts'
import { type CompletionState, createCompletionStore } from './completionStore.ts'
import { useKindlingClient } from './KindlingProvider.tsx'
import { useLatest } from './useLatest.ts'

/** The options of {@link useCompletion}: `model`, request parameters, callbacks. */
export type UseCompletionOptions = CompletionParams &
  // The per-request settings are the session's (model, callbacks, batching); params are spread in.
  Omit<CompletionRequestConfig, 'client' | 'params'> & {
    /** The model to ask, e.g. `kindling-text`. */
    model: string
    /** The client; default the {@link KindlingProvider}'s. */
    client?: KindlingClient | undefined
  }

/** What {@link useCompletion} returns. */
export interface UseCompletionResult extends CompletionState {
  /** Streams a completion of `prompt`, stopping one in progress first. */
  complete(prompt: string): Promise<void>
  /** Stops the completion in progress, keeping its text and closing the connection. */
  stop(): void
  setInput(input: string): void
  /** For a `<form onSubmit>`: completes `input` (unless blank). The input is kept, as prompts are often refined. */
  handleSubmit(event?: Pick<FormEvent, 'preventDefault'>): Promise<void>
}

function configOf(options: UseCompletionOptions, client: KindlingClient): CompletionRequestConfig {
  const {
    model,
    client: _client,
    requestOptions,
    includeUsage,
    onFinish,
    onError,
    batchInterval,
    scheduler,
    ...params
  } = options
  return {
    client,
    model,
    params: params as CompletionParams,
    requestOptions,
    includeUsage,
    onFinish,
    onError,
    batchInterval,
    scheduler,
  }
}

/**
 * A streamed text completion (`POST /completions`). The text reaches the state at most once per
 * animation frame; unmount stops the request.
 *
 * @example
 * const { completion, complete, status } = useCompletion({ model: 'kindling-text', max_tokens: 64 })
 * <button onClick={() => complete('Once upon a time')}>Go</button>
 * <p>{completion}</p>
 */
export function useCompletion(options: UseCompletionOptions): UseCompletionResult {
  const client = useKindlingClient(options.client)
  const [store] = useState(createCompletionStore)
  const [session] = useState(() => createCompletionSession(store))
  const latest = useLatest({ options, client })
  useEffect(() => session.retain(), [session])
  const state = useStore(store)
  const actions = useMemo(() => {
    const config = () => configOf(latest.current.options, latest.current.client)
    return {
      complete: (prompt: string) => session.complete(prompt, config()),
      stop: session.stop,
      setInput: session.setInput,
      handleSubmit(event?: Pick<FormEvent, 'preventDefault'>) {
        event?.preventDefault()
        const input = store.getState().input
        return input.trim() === '' ? Promise.resolve() : session.complete(input, config())
      },
    }
  }, [session, store, latest])
  return { ...state, ...actions }
}
