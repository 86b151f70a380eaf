export { DefaultMessage, type DefaultMessageProps, Message } from './Message.tsx'
export type { MessageAttachmentsProps } from './MessageAttachments.tsx'
export { useMessageView } from './MessageContext.ts'
export type {
  MessageActionsProps,
  MessageAlternativesProps,
  MessageStatusProps,
} from './MessageControls.tsx'
export type {
  MessageContentProps,
  MessageReasoningProps,
  MessageRootProps,
  MessageToolCallsProps,
} from './MessageParts.tsx'
export type { MessageStatus, MessageView } from './MessageView.ts'
