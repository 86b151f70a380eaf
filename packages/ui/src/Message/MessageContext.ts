import { type Context, createContext, useContext } from 'react'
import type { MessageView } from './MessageView.ts'

/** The message a `Message.Root` shows, read by its parts. */
export const MessageContext: Context<MessageView | null> = createContext<MessageView | null>(null)

/** The message of the enclosing `Message.Root`; throws when a part is used outside one. */
export function useMessageView(): MessageView {
  const message = useContext(MessageContext)
  if (!message) throw new Error('Message parts must be rendered inside <Message.Root message={…}>.')
  return message
}
