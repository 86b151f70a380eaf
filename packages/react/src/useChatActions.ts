import type { KindlingClient } from '@kindling/client'
import type { ChatActions } from './core/chatActions.ts'
import type { ChatMessageInput } from './core/chatMessage.ts'
import type { ChatRequestConfig } from './core/requestRunner.ts'
import { useBoundChatActions } from './useChatCompletion.ts'
import { useRetainChat } from './useChatEngine.ts'

/** The request options {@link useChatActions} may bring: the same as `useChatCompletion`'s. */
export type UseChatActionsOptions = Omit<ChatRequestConfig, 'client'> & {
  /** The client; default the {@link KindlingProvider}'s. */
  client?: KindlingClient | undefined
  /** The messages a new chat starts with (read once, when the chat is created). */
  initialMessages?: readonly ChatMessageInput[] | undefined
  /** Forget the chat when its last consumer unmounts (for generated ids). Default false. */
  forgetWhenUnused?: boolean | undefined
}

/**
 * The actions of the chat `chatId`, with no subscription to its state: a component that only sends,
 * stops or switches branches never re-renders while tokens stream. The returned object keeps its
 * identity for the life of the chat. Without `options`, requests use the options of another
 * consumer of the chat (a `useChatCompletion` or `useChatActions` with options and the same id).
 *
 * @example
 * function SendButton({ chatId }: { chatId: string }) {
 *   const { send } = useChatActions(chatId)
 *   return <button onClick={() => send('Hello')}>Say hello</button>
 * }
 */
export function useChatActions(chatId: string, options?: UseChatActionsOptions): ChatActions {
  useRetainChat(chatId, options?.forgetWhenUnused ?? false)
  return useBoundChatActions(chatId, options, options?.initialMessages)
}
