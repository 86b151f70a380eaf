import type { ChatCompletionParams, KindlingClient, KindlingError } from '@kindling/client'
import { type FormEvent, useEffect, useId, useMemo } from 'react'
import { useStore } from 'zustand'
import { type ChatEntry, createChatEntry } from './chatRegistry.ts'
import type { ChatRequestConfig } from './chatSession.ts'
import type { ChatMessageInput, ChatState, ChatStatus, ChatUIMessage } from './chatStore.ts'
import { useKindlingClient, useKindlingContext } from './KindlingProvider.tsx'
import { useLatest } from './useLatest.ts'

/** The options of {@link useChatCompletion}: `model`, request parameters, and the chat's behaviour. */
export type UseChatCompletionOptions = ChatCompletionParams &
  // The per-request settings are the session's (model, callbacks, batching); params are spread in.
  Omit<ChatRequestConfig, 'client' | 'params'> & {
    /** The model to ask, e.g. `accounts/fireworks/models/llama-v3p1-8b-instruct`. */
    model: string
    /** Hooks with the same id share one chat, in any component. Default: a chat of this component. */
    id?: string | undefined
    /** The client; default the {@link KindlingProvider}'s. */
    client?: KindlingClient | undefined
    /** The messages a new chat starts with (and `reset()` returns to). Read once, when the chat is created. */
    initialMessages?: readonly ChatMessageInput[] | undefined
  }

/** What {@link useChatCompletion} returns: the chat's state and its actions. */
export interface UseChatCompletionResult {
  /** The chat's id (the one given, or a generated one). */
  readonly id: string
  readonly messages: readonly ChatUIMessage[]
  readonly status: ChatStatus
  readonly error: KindlingError | undefined
  /** Appends a user message (text or a whole message) and streams the answer; stops a running answer first. */
  send(message: string | ChatMessageInput): Promise<void>
  /** Stops the answer in progress, keeping its text (`status: 'stopped'`) and closing the connection. */
  stop(): void
  /** Replaces the last assistant answer with a new one: also the retry after an error. */
  regenerate(): Promise<void>
  /** Changes a message's text, drops the messages after it, and asks again. */
  edit(messageId: string, content: string): Promise<void>
  /** Replaces the messages (stopping any answer in progress). */
  setMessages(
    messages:
      | readonly ChatMessageInput[]
      | ((messages: readonly ChatUIMessage[]) => readonly ChatMessageInput[]),
  ): void
  /** Shows the `index`-th of the `n` alternatives of an answer. */
  selectAlternative(messageId: string, index: number): void
  /** Stops and returns to `initialMessages`, with an empty input. */
  reset(): void
  /** The input box's text, shared by every consumer of the chat. */
  readonly input: string
  setInput(input: string): void
  /** For a `<form onSubmit>`: sends `input` (unless blank) and clears it; resolves when the answer ends. */
  handleSubmit(event?: Pick<FormEvent, 'preventDefault'>): Promise<void>
}

const isServer = typeof document === 'undefined'

/** The chat of this id: shared through the registry, or a throwaway one while rendering on the server without a provider. */
export function useChatEntry(id: string, initialMessages?: readonly ChatMessageInput[]): ChatEntry {
  const { registry } = useKindlingContext()
  const existing = registry.peek(id)
  const transient = useMemo(
    () => (isServer && !existing ? createChatEntry(id, initialMessages) : undefined),
    [existing, id, initialMessages],
  )
  return existing ?? transient ?? registry.get(id, initialMessages)
}

function configOf(options: UseChatCompletionOptions, client: KindlingClient): ChatRequestConfig {
  const {
    model,
    id: _id,
    client: _client,
    initialMessages: _initial,
    requestOptions,
    includeUsage,
    onDelta,
    onFinish,
    onError,
    batchInterval,
    scheduler,
    ...params
  } = options
  return {
    client,
    model,
    params: params as ChatCompletionParams,
    requestOptions,
    includeUsage,
    onDelta,
    onFinish,
    onError,
    batchInterval,
    scheduler,
  }
}

/**
 * A streamed chat with a model. Deltas reach the state at most once per animation frame, unchanged
 * messages keep their identity, and a message component can subscribe to its own message only with
 * {@link useChatMessage}. Sending while an answer streams stops that answer first (its text is kept,
 * marked stopped), then sends: one chat never has two streams.
 *
 * @example
 * const chat = useChatCompletion({ model: 'kindling-echo' })
 * chat.messages.map((message) => <p key={message.id}>{message.content}</p>)
 * chat.send('Hello')
 */
export function useChatCompletion(options: UseChatCompletionOptions): UseChatCompletionResult {
  const generatedId = useId()
  const id = options.id ?? `chat${generatedId}`
  const forgetWhenUnused = options.id === undefined
  const client = useKindlingClient(options.client)
  const { registry } = useKindlingContext()
  const entry = useChatEntry(id, options.initialMessages)
  const latest = useLatest({ options, client })

  useEffect(() => registry.retain(id, { forgetWhenUnused }), [registry, id, forgetWhenUnused])

  const state: ChatState = useStore(entry.store)

  const actions = useMemo(() => {
    const { session, store } = entry
    const config = () => configOf(latest.current.options, latest.current.client)
    return {
      send: (message: string | ChatMessageInput) => session.send(message, config()),
      stop: () => session.stop(),
      regenerate: () => session.regenerate(config()),
      edit: (messageId: string, content: string) => session.edit(messageId, content, config()),
      setMessages: session.setMessages,
      selectAlternative: session.selectAlternative,
      reset: session.reset,
      setInput: session.setInput,
      handleSubmit(event?: Pick<FormEvent, 'preventDefault'>) {
        event?.preventDefault()
        const input = store.getState().input
        if (input.trim() === '') return Promise.resolve()
        session.setInput('')
        return session.send(input, config())
      },
    }
  }, [entry, latest])

  return {
    id,
    messages: state.messages,
    status: state.status,
    error: state.error,
    input: state.input,
    ...actions,
  }
}
