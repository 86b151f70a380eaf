import type { ReactNode } from 'react'
import { CopyButton } from '../internal/CopyButton.tsx'
import { cx } from '../internal/cx.ts'
import { ownValue } from '../internal/ownValue.ts'
import { Button, IconButton } from '../primitives/Button.tsx'
import { Icons } from '../primitives/Icons.tsx'
import { useMessageView } from './MessageContext.ts'
import type { MessageView } from './MessageView.ts'

/** Props of {@link MessageActions}. */
export interface MessageActionsProps {
  className?: string | undefined
  /** Show a copy button (copies the message text). Default `true`. */
  copy?: boolean | undefined
  /** Show "Regenerate" and call this on click. */
  onRegenerate?: ((message: MessageView) => void) | undefined
  /** Show "Edit" and call this on click. */
  onEdit?: ((message: MessageView) => void) | undefined
  /** Extra buttons of the app's own. */
  children?: ReactNode
}

/** Per-message buttons: copy, regenerate, edit. Hidden while the message streams. */
export function MessageActions({
  className,
  copy = true,
  onRegenerate,
  onEdit,
  children,
}: MessageActionsProps) {
  const message = useMessageView()
  if (message.status === 'streaming') return null
  return (
    <div className={cx('kindling-message__actions', className)}>
      {copy && message.content ? <CopyButton text={message.content} iconOnly /> : null}
      {onRegenerate ? (
        <IconButton
          label="Regenerate"
          icon={<Icons.Retry />}
          size="sm"
          onClick={() => onRegenerate(message)}
        />
      ) : null}
      {onEdit ? (
        <IconButton label="Edit" icon={<Icons.Edit />} size="sm" onClick={() => onEdit(message)} />
      ) : null}
      {children}
    </div>
  )
}

const FINISH_NOTES: Record<string, string> = {
  length: 'Cut off at the token limit.',
  content_filter: 'Stopped by the content filter.',
}

/** Props of `Message.Status`. */
export interface MessageStatusProps {
  className?: string | undefined
  /**
   * Show "Retry" on a failed message and call this on click. A stopped message gets no Retry here:
   * asking again is the message's Regenerate action, one button for one thing.
   */
  onRetry?: ((message: MessageView) => void) | undefined
}

/**
 * Why a message ended early: stopped by the user, failed (with the error and a retry), or cut off
 * by the token limit. Nothing for a message that finished normally or is still streaming.
 */
export function MessageStatusNote({ className, onRetry }: MessageStatusProps) {
  const message = useMessageView()
  let note: string | undefined
  if (message.status === 'stopped') note = 'Stopped.'
  else if (message.status === 'error') note = message.error?.message || 'The reply failed.'
  else if (message.status === 'done' && message.finish_reason)
    note = ownValue(FINISH_NOTES, message.finish_reason)
  if (!note) return null
  return (
    <div className={cx('kindling-message__status', className)} data-kind={message.status}>
      <p>
        {message.status === 'error' ? <strong>Error: </strong> : null}
        {note}
      </p>
      {message.status === 'error' && onRetry ? (
        <Button size="sm" icon={<Icons.Retry />} onClick={() => onRetry(message)}>
          Retry
        </Button>
      ) : null}
    </div>
  )
}

/** Props of {@link MessageAlternatives}. */
export interface MessageAlternativesProps {
  className?: string | undefined
  /** How many alternatives (n > 1 choices) there are; defaults to `message.alternatives.count`. */
  count?: number | undefined
  /** The shown alternative, 0-based; defaults to `message.alternatives.selected`. */
  selected?: number | undefined
  /** Called with the index of the alternative to show. */
  onSelect: (index: number) => void
}

/** "‹ 2 / 3 ›" (chevrons): switches between the n > 1 choices of one reply. Nothing when there is only one. */
export function MessageAlternatives({ className, count, selected, onSelect }: MessageAlternativesProps) {
  const message = useMessageView()
  const total = count ?? message.alternatives?.count ?? 1
  const current = selected ?? message.alternatives?.selected ?? 0
  if (total <= 1) return null
  return (
    <div className={cx('kindling-message__alternatives', className)}>
      <IconButton
        label="Previous alternative"
        icon={<Icons.ChevronLeft />}
        size="sm"
        tooltip={false}
        disabled={current <= 0}
        onClick={() => onSelect(current - 1)}
      />
      <span aria-live="polite" aria-atomic="true">
        {current + 1} / {total}
      </span>
      <IconButton
        label="Next alternative"
        icon={<Icons.ChevronRight />}
        size="sm"
        tooltip={false}
        disabled={current >= total - 1}
        onClick={() => onSelect(current + 1)}
      />
    </div>
  )
}
