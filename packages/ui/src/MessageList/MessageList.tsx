import { memo, type ReactNode, startTransition, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { cx } from '../internal/cx.ts'
import { DefaultMessage, type DefaultMessageProps } from '../Message/Message.tsx'
import { MessageBoundary } from '../Message/MessageBoundary.tsx'
import type { MessageView } from '../Message/MessageView.ts'
import { Icons } from '../primitives/Icons.tsx'
import { useFollowBottom } from './useFollowBottom.ts'
import { useReplyAnnouncement } from './useReplyAnnouncement.ts'

/**
 * Renders one message of a {@link MessageList}. Keep it stable (`useCallback`) so unchanged messages
 * skip rendering. Messages sit in layout-contained blocks: render overlays (menus, dialogs) in a portal.
 */
export type RenderMessage = (message: MessageView, index: number) => ReactNode

/** Props of {@link MessageList}. */
export interface MessageListProps {
  /** The conversation, oldest first. Unchanged messages should keep their object identity. */
  messages: readonly MessageView[]
  /** Custom rendering of each message; by default {@link DefaultMessage} with `messageProps`. */
  renderMessage?: RenderMessage | undefined
  /** Props for the default {@link DefaultMessage} (callbacks such as `onRetry`); keep the object stable. */
  messageProps?: Omit<DefaultMessageProps, 'message'> | undefined
  /** Shown when there are no messages. */
  emptyState?: ReactNode
  /** Extra content after the last message (a typing indicator, a notice). */
  children?: ReactNode
  /** Accessible name of the scrolling region. Default "Conversation". */
  'aria-label'?: string | undefined
  /** Label of the jump-to-latest button. Default "Jump to latest". */
  jumpLabel?: string | undefined
  className?: string | undefined
}

interface ItemProps {
  message: MessageView
  index: number
  renderMessage: RenderMessage | undefined
  messageProps: Omit<DefaultMessageProps, 'message'> | undefined
}

// Called as a component, so that a renderer that throws is caught by the boundary around it.
function CustomMessage({
  message,
  index,
  renderMessage,
}: {
  message: MessageView
  index: number
  renderMessage: RenderMessage
}) {
  return renderMessage(message, index)
}

// Memoised so a token streamed into the last message re-renders that message only.
const MessageListItem = memo(function MessageListItem({
  message,
  index,
  renderMessage,
  messageProps,
}: ItemProps) {
  return (
    <div className="kindling-message-list__item">
      {/* Custom renderers get the same protection as the default one. */}
      <MessageBoundary message={message}>
        {renderMessage ? (
          <CustomMessage message={message} index={index} renderMessage={renderMessage} />
        ) : (
          <DefaultMessage {...messageProps} message={message} />
        )}
      </MessageBoundary>
    </div>
  )
})

// Messages are rendered in blocks of a fixed size, by absolute position, so a list that re-renders
// per streamed frame compares a few dozen blocks (pointer checks) instead of reconciling every
// message, and the browser lays out one contained block instead of every message: the cost of a
// frame stays nearly the same from 10 messages to 1,000. Removing a message from the middle moves
// the ones after it to other blocks (they remount); appending, streaming and trimming the end do not.
const BLOCK_SIZE = 32

interface BlockProps {
  /** The block's messages, a slice of the list (a new array each render: compared by items). */
  messages: readonly MessageView[]
  /** Absolute index of the block's first message. */
  start: number
  renderMessage: RenderMessage | undefined
  messageProps: Omit<DefaultMessageProps, 'message'> | undefined
}

function sameBlock(before: BlockProps, after: BlockProps): boolean {
  if (
    before.start !== after.start ||
    before.renderMessage !== after.renderMessage ||
    before.messageProps !== after.messageProps ||
    before.messages.length !== after.messages.length
  )
    return false
  for (let i = 0; i < after.messages.length; i++) if (before.messages[i] !== after.messages[i]) return false
  return true
}

const MessageListBlock = memo(function MessageListBlock({
  messages,
  start,
  renderMessage,
  messageProps,
}: BlockProps) {
  return (
    <div className="kindling-message-list__block">
      {messages.map((message, i) => (
        <MessageListItem
          key={message.id}
          message={message}
          index={start + i}
          renderMessage={renderMessage}
          messageProps={messageProps}
        />
      ))}
    </div>
  )
}, sameBlock)

/** A block element as last rendered, with the messages it was made for. */
interface RenderedBlock {
  readonly messages: readonly MessageView[]
  readonly start: number
  readonly renderMessage: RenderMessage | undefined
  readonly messageProps: Omit<DefaultMessageProps, 'message'> | undefined
  readonly element: ReactNode
}

/** Whether `shown[from, from + block.messages.length)` holds the block's messages. */
function holds(block: RenderedBlock, shown: readonly MessageView[], from: number, to: number): boolean {
  if (block.messages.length !== to - from) return false
  for (let i = from; i < to; i++) if (shown[i] !== block.messages[i - from]) return false
  return true
}

/**
 * `shown` (the last messages of the list, from absolute index `offset`) as blocks by absolute
 * position. A block whose messages are unchanged is given the very element it was rendered with
 * last time, so React skips it on an identity check: a streamed frame makes one new block (one
 * slice, one element, one memo comparison), not one per block of the history.
 */
function useBlocks(
  shown: readonly MessageView[],
  offset: number,
  renderMessage: RenderMessage | undefined,
  messageProps: Omit<DefaultMessageProps, 'message'> | undefined,
): ReactNode[] {
  // Reusing an element is safe whatever render it came from (even one React threw away): it is
  // chosen by what it shows, not by when it was made.
  const rendered = useRef<Map<number, RenderedBlock>>(new Map())
  const next = new Map<number, RenderedBlock>()
  const blocks: ReactNode[] = []
  const end = offset + shown.length
  for (let start = offset; start < end; start = (Math.floor(start / BLOCK_SIZE) + 1) * BLOCK_SIZE) {
    const key = Math.floor(start / BLOCK_SIZE)
    const stop = Math.min(end, (key + 1) * BLOCK_SIZE)
    const before = rendered.current.get(key)
    let block: RenderedBlock
    if (
      before &&
      before.start === start &&
      before.renderMessage === renderMessage &&
      before.messageProps === messageProps &&
      holds(before, shown, start - offset, stop - offset)
    ) {
      block = before
    } else {
      const messages = shown.slice(start - offset, stop - offset)
      block = {
        messages,
        start,
        renderMessage,
        messageProps,
        element: (
          <MessageListBlock
            key={key}
            messages={messages}
            start={start}
            renderMessage={renderMessage}
            messageProps={messageProps}
          />
        ),
      }
    }
    next.set(key, block)
    blocks.push(block.element)
  }
  rendered.current = next
  return blocks
}

// A long history first renders only its tail, so the first frame comes fast; the rest is rendered
// in a transition right after, which React interrupts for input (scrolling, typing) as it goes.
const FIRST_RENDER_TAIL = 40

/** The messages to render now: the tail of a newly shown long history, then all of it. */
function useBackfill(messages: readonly MessageView[]): readonly MessageView[] {
  const firstId = messages[0]?.id
  const [backfilledFor, setBackfilledFor] = useState<string | undefined>(undefined)
  const showAll = messages.length <= FIRST_RENDER_TAIL || backfilledFor === firstId
  useEffect(() => {
    if (!showAll) startTransition(() => setBackfilledFor(firstId))
  }, [showAll, firstId])
  return showAll ? messages : messages.slice(-FIRST_RENDER_TAIL)
}

/**
 * A scrolling conversation that follows the bottom while a reply streams, lets go when the user
 * scrolls up, and offers "Jump to latest" until they come back. Thousands of messages stay smooth:
 * a long history renders its last messages first and the rest just after, without blocking input,
 * and a streamed token re-renders only the message it belongs to. A finished reply is
 * announced once through a polite live region.
 */
export function MessageList({
  messages,
  renderMessage,
  messageProps,
  emptyState,
  children,
  'aria-label': ariaLabel = 'Conversation',
  jumpLabel = 'Jump to latest',
  className,
}: MessageListProps) {
  const { viewportRef, contentRef, following, scrollToBottom, onScroll } = useFollowBottom()
  const announcementRef = useReplyAnnouncement(messages)
  const shown = useBackfill(messages)
  const offset = messages.length - shown.length
  const blocks = useBlocks(shown, offset, renderMessage, messageProps)
  const last = messages.at(-1)

  // Sending a message means "show me the answer": follow again even if scrolled away.
  const lastUserMessageId = last?.role === 'user' ? last.id : undefined
  useLayoutEffect(() => {
    if (lastUserMessageId !== undefined) scrollToBottom()
  }, [lastUserMessageId, scrollToBottom])

  return (
    <div className={cx('kindling-message-list', className)}>
      <section
        ref={viewportRef}
        className="kindling-message-list__viewport"
        aria-label={ariaLabel}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling region must be reachable by keyboard
        tabIndex={0}
        onScroll={onScroll}
      >
        <div ref={contentRef} className="kindling-message-list__content">
          {messages.length === 0 && emptyState ? (
            <div className="kindling-message-list__empty">{emptyState}</div>
          ) : null}
          {blocks}
          {children}
        </div>
      </section>
      {following ? null : (
        <button
          type="button"
          className="kindling-button kindling-button--secondary kindling-button--sm kindling-message-list__jump"
          onClick={() =>
            scrollToBottom(
              window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'instant' : 'smooth',
            )
          }
        >
          <Icons.ArrowDown />
          {jumpLabel}
        </button>
      )}
      <div ref={announcementRef} className="kindling-visually-hidden" aria-live="polite" aria-atomic="true" />
    </div>
  )
}
