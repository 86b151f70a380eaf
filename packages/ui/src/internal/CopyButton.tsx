import { useEffect, useState } from 'react'
import { copyText } from './copyText.ts'
import { cx } from './cx.ts'

/** Props of {@link CopyButton}. */
export interface CopyButtonProps {
  /** The text put on the clipboard. */
  text: string
  /** Visible label before copying. */
  label?: string | undefined
  /** Visible label for two seconds after a successful copy. */
  copiedLabel?: string | undefined
  className?: string | undefined
  /** Called after the text reached the clipboard. */
  onCopied?: (() => void) | undefined
}

/** A button that copies `text` and says so, visibly and to screen readers. */
export function CopyButton({
  text,
  label = 'Copy',
  copiedLabel = 'Copied',
  className,
  onCopied,
}: CopyButtonProps) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 2000)
    return () => clearTimeout(timer)
  }, [copied])
  return (
    <button
      type="button"
      className={cx('kindling-button', 'kindling-button--ghost', className)}
      data-copied={copied || undefined}
      onClick={() => {
        copyText(text).then(
          () => {
            setCopied(true)
            onCopied?.()
          },
          // A refused copy leaves the label as it was; there is nothing more useful to do here.
          () => {},
        )
      }}
    >
      <span aria-live="polite">{copied ? copiedLabel : label}</span>
    </button>
  )
}
