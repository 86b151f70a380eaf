import type { ChatUIMessage } from '@kindling/react'
import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import { fromStoredMessages, toStoredMessages } from './conversationFile.ts'

interface ConversationState {
  /** The JSON-safe messages of the chat, saved whenever an answer ends. */
  saved: ReturnType<typeof toStoredMessages>
  save: (messages: readonly ChatUIMessage[]) => void
  clear: () => void
}

/** The chat's messages, persisted to localStorage so a reload finds the conversation. */
export const useConversation = create<ConversationState>()(
  persist(
    (set) => ({
      saved: [],
      save: (messages) => set({ saved: toStoredMessages(messages) }),
      clear: () => set({ saved: [] }),
    }),
    { name: 'kindling-playground-conversation', version: 1, storage: createJSONStorage(() => localStorage) },
  ),
)

/** The saved conversation as chat messages (read once, at start). */
export function savedMessages(): ChatUIMessage[] {
  return fromStoredMessages(useConversation.getState().saved)
}
