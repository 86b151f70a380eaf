import { useChatActions, useMessageSiblings } from '@kindling/react'
import type { KeyboardEvent } from 'react'
import { cx } from '../internal/cx.ts'

/** Props of {@link BranchPicker}. */
export interface BranchPickerProps {
  /** The shown branch, 0-based. */
  index: number
  /** How many branches (siblings) there are. Nothing is rendered for one. */
  count: number
  /** Shows the branch `offset` places away (`-1` previous, `1` next). */
  onSwitch: (offset: -1 | 1) => void
  className?: string | undefined
}

/**
 * "‹ 2 / 3 ›": moves between the versions of a message (edits, regenerations, `n` > 1 choices).
 * Buttons work with Tab and Enter/Space; ← and → work anywhere in the group. Renders nothing when
 * there is only one version.
 */
export function BranchPicker({ index, count, onSwitch, className }: BranchPickerProps) {
  if (count <= 1) return null
  const onKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    if (event.key === 'ArrowLeft' && index > 0) onSwitch(-1)
    else if (event.key === 'ArrowRight' && index < count - 1) onSwitch(1)
    else return
    event.preventDefault()
  }
  return (
    <fieldset
      aria-label={`Version ${index + 1} of ${count}`}
      className={cx('kindling-branch-picker', className)}
      onKeyDown={onKeyDown}
    >
      <button
        type="button"
        className="kindling-button kindling-button--ghost"
        aria-label="Previous version"
        // aria-disabled, not disabled: a button that disables itself under focus would drop the focus.
        aria-disabled={index <= 0}
        onClick={() => index > 0 && onSwitch(-1)}
      >
        ‹
      </button>
      <span className="kindling-branch-picker__position" aria-live="polite" aria-atomic="true">
        {index + 1} / {count}
      </span>
      <button
        type="button"
        className="kindling-button kindling-button--ghost"
        aria-label="Next version"
        aria-disabled={index >= count - 1}
        onClick={() => index < count - 1 && onSwitch(1)}
      >
        ›
      </button>
    </fieldset>
  )
}

/** Props of {@link ChatBranchPicker}. */
export interface ChatBranchPickerProps {
  /** The chat (or thread) id. */
  chatId: string
  /** The message whose versions to switch between. */
  messageId: string
  className?: string | undefined
}

/**
 * A {@link BranchPicker} for one message of a chat: it subscribes to that message's sibling count
 * and position only, so it re-renders when a version is added or chosen, never while tokens stream.
 */
export function ChatBranchPicker({ chatId, messageId, className }: ChatBranchPickerProps) {
  const { index, count } = useMessageSiblings(chatId, messageId)
  const { switchSibling } = useChatActions(chatId)
  return (
    <BranchPicker
      index={index}
      count={count}
      className={className}
      onSwitch={(offset) => switchSibling(messageId, offset)}
    />
  )
}
