import type { ReactNode } from 'react'
import { MessageAttachments } from './MessageAttachments.tsx'
import { MessageBoundary } from './MessageBoundary.tsx'
import { MessageActions, MessageAlternatives, MessageStatusNote } from './MessageControls.tsx'
import {
  MessageContent,
  MessageReasoning,
  MessageRoot,
  MessageToolCalls,
  roleLabel,
} from './MessageParts.tsx'
import type { MessageView } from './MessageView.ts'

/**
 * The parts of a chat message, to compose in any order (Radix-style):
 *
 * ```tsx
 * <Message.Root message={view}>
 *   <Message.Attachments />
 *   <Message.Reasoning />
 *   <Message.Content />
 *   <Message.ToolCalls />
 *   <Message.Status onRetry={retry} />
 *   <Message.Alternatives onSelect={select} />
 *   <Message.Actions onRegenerate={regenerate} />
 * </Message.Root>
 * ```
 */
export const Message = {
  Root: MessageRoot,
  Attachments: MessageAttachments,
  Content: MessageContent,
  Reasoning: MessageReasoning,
  ToolCalls: MessageToolCalls,
  Actions: MessageActions,
  Status: MessageStatusNote,
  Alternatives: MessageAlternatives,
} as const

/** Props of {@link DefaultMessage}. */
export interface DefaultMessageProps {
  message: MessageView
  className?: string | undefined
  /** Let markdown images load. */
  allowImages?: boolean | undefined
  onRetry?: ((message: MessageView) => void) | undefined
  onRegenerate?: ((message: MessageView) => void) | undefined
  onEdit?: ((message: MessageView) => void) | undefined
  /** Called with the alternative to show, for messages with `alternatives`. */
  onSelectAlternative?: ((message: MessageView, index: number) => void) | undefined
  /** A branch picker (e.g. `ChatBranchPicker`) shown first in the footer. */
  branchPicker?: ReactNode
}

/**
 * A message with every part in the usual order; what `MessageList` renders when given no
 * `renderMessage`. Edit is offered on user messages. On assistant messages each way to ask again
 * has one button: a failed answer offers Retry (beside its error), any other finished or stopped
 * answer offers Regenerate. A message that fails to render shows its text as plain text instead of
 * taking the page down.
 */
export function DefaultMessage({
  message,
  className,
  allowImages,
  onRetry,
  onRegenerate,
  onEdit,
  onSelectAlternative,
  branchPicker,
}: DefaultMessageProps) {
  const isUser = message.role === 'user'
  return (
    <MessageBoundary message={message}>
      <Message.Root message={message} className={className}>
        {isUser ? null : (
          <div className="kindling-message__role" aria-hidden="true">
            {roleLabel(message.role)}
          </div>
        )}
        <Message.Attachments />
        <Message.Reasoning />
        <Message.Content allowImages={allowImages} />
        <Message.ToolCalls />
        <Message.Status onRetry={onRetry} />
        <div className="kindling-message__footer">
          {branchPicker}
          {onSelectAlternative ? (
            <Message.Alternatives onSelect={(index) => onSelectAlternative(message, index)} />
          ) : null}
          <Message.Actions
            onRegenerate={isUser || (onRetry && message.status === 'error') ? undefined : onRegenerate}
            onEdit={isUser ? onEdit : undefined}
          />
        </div>
      </Message.Root>
    </MessageBoundary>
  )
}
