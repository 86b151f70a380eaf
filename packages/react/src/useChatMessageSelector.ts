import { useCallback, useSyncExternalStore } from 'react'
import type { ChatState } from './core/chatState.ts'
import { subscribeToMessage } from './core/messageSubscriptions.ts'
import { useChatEngine } from './useChatEngine.ts'

/**
 * Selects from the state of the chat `chatId` for one message: the selector runs again only after a
 * write that may change that message (its content, its siblings) or the chat's other fields (the
 * active path, status, tool calls), never for a frame streamed into another message, so a row per
 * message costs nothing while another one streams. The selector may read `messageId`'s message,
 * its siblings and any field but `tree` and `messages` (other messages may be stale for it).
 * Return existing values or primitives, as with `useChatStore`.
 *
 * @example
 * const isLast = useChatMessageSelector(chatId, id, (state) => state.messageIds.at(-1) === id)
 */
export function useChatMessageSelector<T>(
  chatId: string,
  messageId: string,
  selector: (state: ChatState) => T,
): T {
  const store = useChatEngine(chatId).store
  const subscribe = useCallback(
    (listener: () => void) => subscribeToMessage(store, messageId, listener),
    [store, messageId],
  )
  const snapshot = () => selector(store.getState())
  return useSyncExternalStore(subscribe, snapshot, snapshot)
}
