import { type ReactNode, useEffect, useId, useRef } from 'react'
import { cx } from '../internal/cx.ts'
import { IconButton } from './Button.tsx'
import { Icons } from './Icons.tsx'

/** Props of {@link Sheet}. */
export interface SheetProps {
  /** Shown or not (controlled). */
  open: boolean
  /** Called with `false` when the user closes it (Escape, the close button, a click on the backdrop). */
  onOpenChange: (open: boolean) => void
  /** The sheet's heading, also its accessible name. */
  title: ReactNode
  /** The edge it slides from. Default `right`; `bottom` suits phones. */
  side?: 'right' | 'left' | 'bottom' | undefined
  /** Label of the close button. Default "Close". */
  closeLabel?: string | undefined
  children?: ReactNode
  className?: string | undefined
}

/**
 * A panel over the page from one edge (a drawer), for settings or secondary controls on small
 * screens. A native modal `<dialog>`: focus moves in and stays in, Escape closes, the page behind
 * is inert, and focus returns to the opener on close.
 *
 * @example
 * <Sheet open={open} onOpenChange={setOpen} title="Parameters"><ParameterControls … /></Sheet>
 */
export function Sheet({
  open,
  onOpenChange,
  title,
  side = 'right',
  closeLabel = 'Close',
  children,
  className,
}: SheetProps) {
  const ref = useRef<HTMLDialogElement | null>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    else if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      className={cx('kindling-sheet', className)}
      data-side={side}
      aria-labelledby={titleId}
      onClose={() => onOpenChange(false)}
      // Escape is handled here, not left to the browser, so the open state stays the app's.
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return
        event.preventDefault()
        onOpenChange(false)
      }}
      // A click on the dialog itself (not its content) is a click on the backdrop.
      onClick={(event) => {
        if (event.target === event.currentTarget) onOpenChange(false)
      }}
    >
      {open ? (
        <div className="kindling-sheet__panel">
          <header className="kindling-sheet__header">
            <h2 id={titleId} className="kindling-sheet__title">
              {title}
            </h2>
            <IconButton
              label={closeLabel}
              icon={<Icons.Close />}
              tooltip={false}
              onClick={() => onOpenChange(false)}
            />
          </header>
          <div className="kindling-sheet__body">{children}</div>
        </div>
      ) : null}
    </dialog>
  )
}
