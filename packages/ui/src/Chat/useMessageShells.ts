import { type ChatState, type ChatUIMessage, useChatStore } from '@kindling/react'
import { useCallback, useRef } from 'react'

interface ShellCache {
  messages: readonly ChatUIMessage[]
  messageIds: readonly string[]
  shells: readonly ChatUIMessage[]
}

/**
 * The chat's messages for the list itself, which must not re-render per streamed token: a message
 * that is streaming keeps the snapshot it had when it started streaming, so the array changes only
 * when a message is added, removed, starts or stops streaming, or is replaced while at rest. Each
 * row reads its live message with `useChatMessage`.
 */
export function useMessageShells(chatId: string): readonly ChatUIMessage[] {
  const cache = useRef<ShellCache | undefined>(undefined)
  const select = useCallback((state: ChatState): readonly ChatUIMessage[] => {
    const previous = cache.current
    if (previous?.messages === state.messages) return previous.shells
    let shells: readonly ChatUIMessage[] = state.messages
    if (previous && previous.messageIds === state.messageIds) {
      // Same ids in the same order: reuse the previous array unless a message changed at rest.
      let changed = false
      const next = state.messages.map((message, index) => {
        const before = previous.shells[index] as ChatUIMessage
        const shell = message.status === 'streaming' && before.status === 'streaming' ? before : message
        if (shell !== before) changed = true
        return shell
      })
      shells = changed ? next : previous.shells
    }
    cache.current = { messages: state.messages, messageIds: state.messageIds, shells }
    return shells
  }, [])
  return useChatStore(chatId, select)
}
