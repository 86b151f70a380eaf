import { useEffect, useMemo } from 'react'
import { type ChatEngine, createChatEngine } from './core/chatEngine.ts'
import type { ChatMessageInput } from './core/chatMessage.ts'
import { useKindlingContext } from './KindlingProvider.tsx'

const isServer = typeof document === 'undefined'

/**
 * The chat of this id: shared through the provider's registry, or a throwaway one while rendering
 * on the server without one (nothing global is created during a server render).
 */
export function useChatEngine(id: string, initialMessages?: readonly ChatMessageInput[]): ChatEngine {
  const { registry } = useKindlingContext()
  const existing = registry.peek(id)
  const transient = useMemo(
    () => (isServer && !existing ? createChatEngine({ initialMessages }) : undefined),
    [existing, initialMessages],
  )
  return existing ?? transient ?? registry.get(id, { initialMessages })
}

/** Counts this component as a consumer of the chat while it is mounted (the one lifetime rule). */
export function useRetainChat(id: string, forgetWhenUnused = false): void {
  const { registry } = useKindlingContext()
  useEffect(() => registry.retain(id, { forgetWhenUnused }), [registry, id, forgetWhenUnused])
}
