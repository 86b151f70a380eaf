import { useStore } from 'zustand'
import { type ChatState, type ChatUIMessage, selectMessage } from './chatStore.ts'
import { useChatEntry } from './useChatCompletion.ts'

/**
 * Selects from the state of the chat `chatId`; the component re-renders only when the selected
 * value changes (`Object.is`). Return existing values (a message, `messageIds`, `status`) or
 * primitives; wrap a selector that builds a new object in zustand's `useShallow`.
 *
 * @example
 * const ids = useChatStore(chatId, (state) => state.messageIds)
 * const streaming = useChatStore(chatId, (state) => state.status === 'streaming')
 */
export function useChatStore<T>(chatId: string, selector: (state: ChatState) => T): T {
  return useStore(useChatEntry(chatId).store, selector)
}

/**
 * One message of the chat `chatId`, by id: the component re-renders only when this message
 * changes, not when another one streams. `undefined` when there is no such message.
 *
 * @example
 * function Message({ chatId, id }: { chatId: string; id: string }) {
 *   const message = useChatMessage(chatId, id)
 *   return <p>{message?.content}</p>
 * }
 */
export function useChatMessage(chatId: string, messageId: string): ChatUIMessage | undefined {
  return useStore(useChatEntry(chatId).store, (state) => selectMessage(state, messageId))
}
