import type { KindlingClient, KindlingError } from '@kindling/client'
import type { UseChatCompletionResult } from '@kindling/react'
import { type Context, createContext, useContext } from 'react'
import type { ToolRenderers } from '../ToolCall/ToolCall.tsx'

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
    | 'approve'
    | 'deny'
    | 'addToolResult'
    | 'continue'
  > {
  /** The client given to `Chat.Root` (`undefined`: the `KindlingProvider`'s). */
  readonly client: KindlingClient | undefined
  /** The renderers `Chat.Root` was given for tool calls, by tool name. */
  readonly toolRenderers: ToolRenderers | undefined
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
  /** Why `Chat.ModelPicker` could not load the model list (the server can't be used), if it failed. */
  readonly modelListError: KindlingError | undefined
  /** Loads the model list again; resolves to whether it loaded. */
  retryModelList(): Promise<boolean>
  /** Called by `Chat.ModelPicker` with its list's error (or `undefined`) and how to load it again. */
  reportModelList(error: KindlingError | undefined, retry: () => Promise<boolean>): void
  /**
   * True while a `Chat.ErrorNotice` is mounted: it is then the one place that reports a model list
   * that failed (with the one "Try again"), and the picker and a failed message say nothing or no
   * more than what happened, without buttons of their own.
   */
  readonly errorNoticeMounted: boolean
  /** Called by `Chat.ErrorNotice` when it mounts and unmounts. */
  setErrorNoticeMounted(mounted: boolean): void
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
