import type { ToolCallView } from '@kindling/react'
import { type ReactNode, useContext, useState } from 'react'
import { ChatContext } from '../Chat/ChatContext.ts'
import { cx } from '../internal/cx.ts'
import { ownValue } from '../internal/ownValue.ts'
import { Markdown } from '../Markdown/Markdown.tsx'
import { ChatToolCalls } from '../ToolCall/ChatToolCalls.tsx'
import type { ToolRenderers } from '../ToolCall/ToolCall.tsx'
import { ToolCallList } from '../ToolCall/ToolCallList.tsx'
import { toolCallViewsOf } from '../ToolCall/toolCallViewsOf.ts'
import { MessageContext, useMessageView } from './MessageContext.ts'
import type { MessageView } from './MessageView.ts'

const ROLE_LABELS: Record<string, string> = {
  user: 'You',
  assistant: 'Assistant',
  system: 'System',
  developer: 'Developer',
  tool: 'Tool',
}

/** A human label for a message role ("You", "Assistant", …). */
export function roleLabel(role: string): string {
  return ownValue(ROLE_LABELS, role) ?? String(role)
}

/** Props of {@link MessageRoot}. */
export interface MessageRootProps {
  message: MessageView
  className?: string | undefined
  children?: ReactNode
}

/** The message container: provides `message` to its parts and carries role and status styling. */
export function MessageRoot({ message, className, children }: MessageRootProps) {
  return (
    <MessageContext.Provider value={message}>
      <article
        className={cx('kindling-message', className)}
        data-role={Object.hasOwn(ROLE_LABELS, message.role) ? message.role : 'system'}
        data-status={message.status}
        aria-label={`${roleLabel(message.role)} said`}
        aria-busy={message.status === 'streaming' || undefined}
      >
        {children}
      </article>
    </MessageContext.Provider>
  )
}

/** Props of {@link MessageContent}. */
export interface MessageContentProps {
  className?: string | undefined
  /** Render as markdown; by default assistant-side messages are markdown and user text is shown as typed. */
  markdown?: boolean | undefined
  /** Let markdown images load (see `Markdown`). */
  allowImages?: boolean | undefined
}

/** The message text: markdown for the model, verbatim for the user. */
export function MessageContent({ className, markdown, allowImages }: MessageContentProps) {
  const message = useMessageView()
  const streaming = message.status === 'streaming'
  if (!message.content) {
    if (!streaming || message.reasoning_content || message.tool_calls?.length) return null
    return (
      <div className={cx('kindling-message__content', className)}>
        <span className="kindling-typing" aria-hidden="true">
          <span />
          <span />
          <span />
        </span>
        <span className="kindling-visually-hidden">Writing a reply…</span>
      </div>
    )
  }
  if (markdown ?? message.role !== 'user') {
    return (
      <Markdown
        className={cx('kindling-message__content', className)}
        streaming={streaming}
        allowImages={allowImages}
      >
        {message.content}
      </Markdown>
    )
  }
  return (
    <div className={cx('kindling-message__content', 'kindling-message__plain', className)}>
      {message.content}
    </div>
  )
}

/** Props of {@link MessageReasoning}. */
export interface MessageReasoningProps {
  className?: string | undefined
  /** Open at first; by default open while the model is still thinking (no answer text yet). */
  defaultOpen?: boolean | undefined
}

/** The model's reasoning in a collapsible `<details>`; nothing when there is none. */
export function MessageReasoning({ className, defaultOpen }: MessageReasoningProps) {
  const message = useMessageView()
  const thinking = message.status === 'streaming' && !message.content
  const [open, setOpen] = useState(defaultOpen ?? thinking)
  if (!message.reasoning_content) return null
  return (
    <details
      className={cx('kindling-message__reasoning', className)}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{thinking ? 'Thinking…' : 'Reasoning'}</summary>
      <Markdown streaming={message.status === 'streaming'}>{message.reasoning_content}</Markdown>
    </details>
  )
}

/** Props of {@link MessageToolCalls}. */
export interface MessageToolCallsProps {
  className?: string | undefined
  /** The calls with their state; default: live from the enclosing `Chat.Root`, else what the message says. */
  calls?: readonly ToolCallView[] | undefined
  /** Approve a call awaiting approval (default inside `Chat.Root`: the chat's `approve`). */
  onApprove?: ((toolCallId: string) => void) | undefined
  /** Deny a call awaiting approval (default inside `Chat.Root`: the chat's `deny`). */
  onDeny?: ((toolCallId: string) => void) | undefined
  /** Give a call its result (default inside `Chat.Root`: the chat's `addToolResult`). */
  onResult?: ((toolCallId: string, result: unknown) => void) | undefined
  /** Per-tool renderers, by tool name (default inside `Chat.Root`: its `toolRenderers`). */
  renderers?: ToolRenderers | undefined
}

/**
 * The tool calls the model made, each a {@link ToolCall} part. Inside `Chat.Root` they are live
 * (arguments streaming, awaiting approval with Approve/Deny, running, result, error, denied);
 * elsewhere they show what `calls` (or the message itself) says.
 */
export function MessageToolCalls({
  className,
  calls,
  onApprove,
  onDeny,
  onResult,
  renderers,
}: MessageToolCallsProps) {
  const message = useMessageView()
  const chat = useContext(ChatContext)
  if (!message.tool_calls?.length && !calls?.length) return null
  if (chat && !calls) {
    return (
      <ChatToolCalls
        chatId={chat.id}
        messageId={message.id}
        renderers={renderers ?? chat.toolRenderers}
        className={className}
      />
    )
  }
  return (
    <ToolCallList
      calls={calls ?? toolCallViewsOf(message)}
      onApprove={onApprove}
      onDeny={onDeny}
      onResult={onResult}
      renderers={renderers}
      className={className}
    />
  )
}
