import { type ChatUIMessage, messageStats, useChatMessage, useChatMessageSelector } from '@kindling/react'
import { memo, type ReactNode, useCallback, useMemo } from 'react'
import { ChatBranchPicker } from '../BranchPicker/BranchPicker.tsx'
import { DefaultMessage } from '../Message/Message.tsx'
import { MessageList } from '../MessageList/MessageList.tsx'
import { UsageBadge } from '../UsageBadge/UsageBadge.tsx'
import { useChatContext } from './ChatContext.ts'
import { ChatToolLoopNotice } from './ChatToolLoopNotice.tsx'
import { hasPendingToolCalls } from './hasPendingToolCalls.ts'
import { useMessageShells } from './useMessageShells.ts'
import { withoutAnsweredToolMessages } from './withoutAnsweredToolMessages.ts'

/** Props of `Chat.Message`. */
export interface ChatMessageProps {
  /** The message's id in the enclosing chat. */
  id: string
  /** Show a {@link UsageBadge} (tokens, time to first token, tokens/s) under finished replies. Default true. */
  showUsage?: boolean | undefined
  /** Let markdown images load. */
  allowImages?: boolean | undefined
  /** Render the message yourself (it is kept live while it streams); default every `Message` part. */
  render?: ((message: ChatUIMessage) => ReactNode) | undefined
}

/**
 * One message of the enclosing chat, by id. It subscribes to its own message only
 * (`useChatMessage`, `useChatMessageSelector`), so while a reply streams, only its row re-renders
 * and only its row's selectors run. The last answer offers one
 * way to ask again: Retry beside its error if it failed (unless `Chat.ErrorNotice` already offers
 * it for a connection failure), Regenerate otherwise. Edit on user messages, and a branch picker
 * where the message has other versions (edits, regenerations, n > 1 choices).
 */
export const ChatMessage = memo(function ChatMessage({
  id,
  showUsage = true,
  allowImages,
  render,
}: ChatMessageProps) {
  const { id: chatId, regenerate, startEditing, errorNoticeMounted, modelListError } = useChatContext()
  // A connection failure is reported (and retried) by Chat.ErrorNotice, not by each message.
  const bannerRetries = errorNoticeMounted && modelListError !== undefined
  const message = useChatMessage(chatId, id)
  // Per-message selectors: a frame streamed into another message does not run them.
  const isLast = useChatMessageSelector(
    chatId,
    id,
    (state) => state.messageIds[state.messageIds.length - 1] === id,
  )
  // Asking again while its calls await approval or run would end them half-way: not offered then.
  const toolsPending = useChatMessageSelector(chatId, id, (state) => hasPendingToolCalls(state, id))
  if (!message) return null
  // A fragment keeps the inferred return type a JSX element, which React 18's types accept too.
  if (render) return <>{render(message)}</>
  const isAssistant = message.role === 'assistant'
  const askAgain = isLast && isAssistant && !toolsPending ? () => void regenerate() : undefined
  const failed = message.status === 'error'
  const stats = showUsage && isAssistant && message.status !== 'streaming' ? messageStats(message) : undefined
  return (
    <>
      <DefaultMessage
        message={message}
        allowImages={allowImages}
        onRetry={failed && !bannerRetries ? askAgain : undefined}
        onRegenerate={failed ? undefined : askAgain}
        onEdit={message.role === 'user' ? () => startEditing(message.id, message.content) : undefined}
        branchPicker={<ChatBranchPicker chatId={chatId} messageId={message.id} />}
      />
      {stats ? (
        <UsageBadge
          className="kindling-chat__usage"
          usage={message.usage}
          timeToFirstTokenMs={stats.timeToFirstToken}
          tokensPerSecond={stats.tokensPerSecond}
        />
      ) : null}
    </>
  )
})

/** Props of `Chat.Messages`. */
export interface ChatMessagesProps extends Omit<ChatMessageProps, 'id'> {
  /** Shown while the chat has no messages. Default "Send a message to start.". */
  emptyState?: ReactNode
  /** Accessible name of the scrolling region. Default "Conversation". */
  'aria-label'?: string | undefined
  /**
   * Show `role: 'tool'` results as messages of their own. Default false: a result is shown in its
   * call's ToolCall part (under "Result"), where the call's arguments and state are.
   */
  showToolMessages?: boolean | undefined
  /** Extra content after the last message. */
  children?: ReactNode
  className?: string | undefined
}

/**
 * The chat's conversation as a {@link MessageList} (follows the bottom, "Jump to latest", announces
 * finished replies) of {@link ChatMessage} rows. The list re-renders when messages are added or
 * finish, not per streamed token. Tool calls show in their message (results included); when the
 * tool loop pauses at its step cap, a notice with Continue follows the last message.
 */
export function ChatMessages({
  emptyState = 'Send a message to start.',
  'aria-label': ariaLabel,
  children,
  className,
  showUsage,
  allowImages,
  render,
  showToolMessages = false,
}: ChatMessagesProps) {
  const { id: chatId } = useChatContext()
  const shells = useMessageShells(chatId)
  const messages = useMemo(
    () => (showToolMessages ? shells : withoutAnsweredToolMessages(shells)),
    [shells, showToolMessages],
  )
  const renderMessage = useCallback(
    (message: { id: string }) => (
      <ChatMessage id={message.id} showUsage={showUsage} allowImages={allowImages} render={render} />
    ),
    [showUsage, allowImages, render],
  )
  return (
    <MessageList
      messages={messages}
      renderMessage={renderMessage}
      emptyState={emptyState}
      aria-label={ariaLabel}
      className={className}
    >
      <ChatToolLoopNotice />
      {children}
    </MessageList>
  )
}
