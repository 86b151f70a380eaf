import { useEffect, useState } from 'react'
import { IconButton } from '../primitives/Button.tsx'
import { Icons } from '../primitives/Icons.tsx'
import { copyText } from './copyText.ts'
import { cx } from './cx.ts'

/** Props of {@link CopyButton}. */
export interface CopyButtonProps {
  /** The text put on the clipboard. */
  text: string
  /** Label before copying. */
  label?: string | undefined
  /** Label for two seconds after a successful copy. */
  copiedLabel?: string | undefined
  /** Show only the icon (the label becomes the accessible name and tooltip). */
  iconOnly?: boolean | undefined
  className?: string | undefined
  /** Called after the text reached the clipboard. */
  onCopied?: (() => void) | undefined
}

/** A button that copies `text` and says so, visibly and to screen readers. */
export function CopyButton({
  text,
  label = 'Copy',
  copiedLabel = 'Copied',
  iconOnly = false,
  className,
  onCopied,
}: CopyButtonProps) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 2000)
    return () => clearTimeout(timer)
  }, [copied])
  const copy = () => {
    copyText(text).then(
      () => {
        setCopied(true)
        onCopied?.()
      },
      // A refused copy leaves the label as it was; there is nothing more useful to do here.
      () => {},
    )
  }
  if (iconOnly) {
    const icon = copied ? <Icons.Check /> : <Icons.Copy />
    return (
      <>
        <IconButton
          label={copied ? copiedLabel : label}
          icon={icon}
          size="sm"
          className={className}
          data-copied={copied || undefined}
          onClick={copy}
        />
        <span className="kindling-visually-hidden" role="status">
          {copied ? copiedLabel : ''}
        </span>
      </>
    )
  }
  return (
    <button
      type="button"
      className={cx('kindling-button', 'kindling-button--ghost', 'kindling-button--sm', className)}
      data-copied={copied || undefined}
      onClick={copy}
    >
      {/* Text only: rendered markdown (a code block's copy button) holds no SVG at all. */}
      <span aria-live="polite">{copied ? copiedLabel : label}</span>
    </button>
  )
}
