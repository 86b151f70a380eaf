import { useStore } from 'zustand'
import type { ChatUIMessage } from './core/chatMessage.ts'
import { type ChatState, selectMessage } from './core/chatState.ts'
import { siblingPosition } from './core/messageTree.ts'
import type { ChatStatus } from './core/status.ts'
import { useChatEngine } from './useChatEngine.ts'
import { useChatMessageSelector } from './useChatMessageSelector.ts'

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
  return useStore(useChatEngine(chatId).store, selector)
}

/**
 * One message of the chat `chatId`, by id (on the active path or not): the component re-renders
 * only when this message changes, not when another one streams. `undefined` when there is none.
 *
 * @example
 * function Message({ chatId, id }: { chatId: string; id: string }) {
 *   const message = useChatMessage(chatId, id)
 *   return <p>{message?.content}</p>
 * }
 */
export function useChatMessage(chatId: string, messageId: string): ChatUIMessage | undefined {
  return useChatMessageSelector(chatId, messageId, (state) => selectMessage(state, messageId))
}

/** The ids of the active path (changes only when a message is added or a branch switched). */
export function useChatMessageIds(chatId: string): readonly string[] {
  return useStore(useChatEngine(chatId).store, (state) => state.messageIds)
}

/** The chat's status. */
export function useChatStatus(chatId: string): ChatStatus {
  return useStore(useChatEngine(chatId).store, (state) => state.status)
}

/** A message's place among its siblings, for a branch picker ("2 / 3"). */
export interface MessageSiblings {
  /** 0-based. */
  readonly index: number
  readonly count: number
}

/**
 * Where a message stands among its siblings (edits, regenerations, `n` > 1 choices): re-renders
 * only when that changes, never while tokens stream. `{ index: 0, count: 1 }` for an only child.
 */
export function useMessageSiblings(chatId: string, messageId: string): MessageSiblings {
  // One number (index * 2^20 + count) keeps the selection a primitive, so Object.is compares it.
  const packed = useChatMessageSelector(chatId, messageId, (state) => {
    const position = siblingPosition(state.tree, messageId)
    return position ? position.index * 0x100000 + position.count : 1
  })
  return { index: Math.floor(packed / 0x100000), count: packed % 0x100000 }
}
