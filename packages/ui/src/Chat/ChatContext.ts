import type { KindlingClient } from '@kindling/client'
import type { UseChatCompletionResult } from '@kindling/react'
import { type Context, createContext, useContext } from 'react'

/**
 * What `Chat.Root` gives its parts: the chat's id and actions (stable across streamed frames) and
 * the view state of the widget. The chat's state itself is read per part with `useChatStore` /
 * `useChatMessage` from `@kindling/react`, so a streamed token re-renders only what shows it.
 */
export interface ChatContextValue
  extends Pick<
    UseChatCompletionResult,
    | 'id'
    | 'send'
    | 'stop'
    | 'regenerate'
    | 'edit'
    | 'setMessages'
    | 'switchSibling'
    | 'reset'
    | 'setInput'
    | 'handleSubmit'
  > {
  /** The client given to `Chat.Root` (`undefined`: the `KindlingProvider`'s). */
  readonly client: KindlingClient | undefined
  /** The model the next request goes to. */
  readonly model: string
  /** Switches the model (the next request uses it). */
  setModel(model: string): void
  /** The id of the user message being edited in the composer, if any (view state). */
  readonly editingId: string | undefined
  /** Puts a user message's text in the composer; the next submit replaces it and asks again. */
  startEditing(messageId: string, content: string): void
  /** Leaves edit mode and empties the composer. */
  cancelEditing(): void
}

/** The context `Chat.Root` provides. */
export const ChatContext: Context<ChatContextValue | null> = createContext<ChatContextValue | null>(null)

/**
 * The enclosing `Chat.Root`'s chat: id, actions, model and view state. Throws outside one. Read
 * the chat's state with `useChatStore(useChatContext().id, selector)`.
 *
 * @example
 * const { id, regenerate } = useChatContext()
 * const busy = useChatStore(id, (state) => state.status === 'streaming')
 */
export function useChatContext(): ChatContextValue {
  const value = useContext(ChatContext)
  if (!value) throw new Error('Chat parts must be rendered inside <Chat.Root model="…">.')
  return value
}
