import type { KindlingClient, KindlingError } from '@kindling/client'
import { useEffect, useId, useMemo } from 'react'
import { useStore } from 'zustand'
import { bindChatActions, type ChatActions } from './core/chatActions.ts'
import type { ChatMessageInput, ChatUIMessage } from './core/chatMessage.ts'
import type { ChatState, ToolLoopState } from './core/chatState.ts'
import type { ChatRequestConfig } from './core/requestRunner.ts'
import type { ChatStatus } from './core/status.ts'
import { useKindlingClient } from './KindlingProvider.tsx'
import { useChatEngine, useRetainChat } from './useChatEngine.ts'
import { useLatest } from './useLatest.ts'

/**
 * The options of {@link useChatCompletion}: `model`, the wire parameters as one `params` object,
 * and the chat's behaviour. Nothing but `params` is ever sent as a request parameter.
 */
export type UseChatCompletionOptions = Omit<ChatRequestConfig, 'client'> & {
  /** Hooks with the same id share one chat, in any component. Default: a chat of this component. */
  id?: string | undefined
  /** The client; default the {@link KindlingProvider}'s. */
  client?: KindlingClient | undefined
  /** The messages a new chat starts with (and `reset()` returns to). Read once, when the chat is created. */
  initialMessages?: readonly ChatMessageInput[] | undefined
}

/** What {@link useChatCompletion} returns: the chat's state and its actions. */
export interface UseChatCompletionResult extends ChatActions {
  /** The chat's id (the one given, or a generated one). */
  readonly id: string
  /** The active path: the conversation shown and sent. */
  readonly messages: readonly ChatUIMessage[]
  readonly status: ChatStatus
  readonly error: KindlingError | undefined
  /** The input box's text, shared by every consumer of the chat. */
  readonly input: string
  /** Set when the tool loop paused at `maxSteps` (call `continue()` to go on). */
  readonly toolLoop: ToolLoopState | undefined
}

/** The request config of a hook's options: each field named, so no other option reaches a request. */
export function requestConfigOf(
  options: Omit<ChatRequestConfig, 'client'>,
  client: KindlingClient,
): ChatRequestConfig {
  return {
    client,
    model: options.model,
    params: options.params,
    requestOptions: options.requestOptions,
    includeUsage: options.includeUsage,
    onDelta: options.onDelta,
    onFinish: options.onFinish,
    onError: options.onError,
    tools: options.tools,
    maxSteps: options.maxSteps,
    batchInterval: options.batchInterval,
    scheduler: options.scheduler,
  }
}

/**
 * Binds a chat's actions to this component's latest options, and offers those options to
 * consumers of the chat that have none of their own (`useChatActions(id)`).
 */
export function useBoundChatActions(
  id: string,
  options: (Omit<ChatRequestConfig, 'client'> & { client?: KindlingClient | undefined }) | undefined,
  initialMessages?: readonly ChatMessageInput[],
): ChatActions {
  const client = useKindlingClient(options?.client ?? undefined, options === undefined)
  const engine = useChatEngine(id, initialMessages)
  const latest = useLatest({ options, client })
  const configured = options !== undefined
  useEffect(() => {
    if (!configured) return
    return engine.configure(() => {
      const { options, client } = latest.current
      return requestConfigOf(options as ChatRequestConfig, client as KindlingClient)
    })
  }, [engine, latest, configured])
  return useMemo(
    () =>
      bindChatActions(engine, () => {
        const { options, client } = latest.current
        return options && client ? requestConfigOf(options, client) : undefined
      }),
    [engine, latest],
  )
}

/**
 * A streamed chat with a model, with branches: edits and regenerations add siblings, and the
 * conversation shown and sent is the active path. Deltas reach the state at most once per animation
 * frame, unchanged messages keep their identity. This hook re-renders per frame while an answer
 * streams: a component that only acts should use {@link useChatActions}, a message component
 * {@link useChatMessage}.
 *
 * @example
 * const chat = useChatCompletion({ model: 'kindling-echo', params: { temperature: 0.7 } })
 * chat.messages.map((message) => <p key={message.id}>{message.content}</p>)
 * chat.send('Hello')
 */
export function useChatCompletion(options: UseChatCompletionOptions): UseChatCompletionResult {
  const generatedId = useId()
  const id = options.id ?? `chat${generatedId}`
  useRetainChat(id, options.id === undefined)
  const actions = useBoundChatActions(id, options, options.initialMessages)
  const engine = useChatEngine(id)
  const state: ChatState = useStore(engine.store)
  return {
    id,
    messages: state.messages,
    status: state.status,
    error: state.error,
    input: state.input,
    toolLoop: state.toolLoop,
    ...actions,
  }
}
