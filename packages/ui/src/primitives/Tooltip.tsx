import { cloneElement, type ReactElement, type ReactNode, useId } from 'react'
import { cx } from '../internal/cx.ts'

/** Which side of its trigger a {@link Tooltip} shows on. */
export type TooltipSide = 'top' | 'bottom'

/** Props of {@link Tooltip}. */
export interface TooltipProps {
  /** The tip's text. */
  content: ReactNode
  /** One focusable element (a button, a link) that shows the tip on hover and keyboard focus. */
  children: ReactElement<{ 'aria-describedby'?: string | undefined }>
  /** Default `top`. */
  side?: TooltipSide | undefined
  /** Link the tip to the trigger with `aria-describedby`. Default true; false when the tip repeats the trigger's name. */
  describe?: boolean | undefined
  className?: string | undefined
}

/**
 * A short hint over a control, shown while the pointer is over it or it has keyboard focus.
 * Pure CSS (no portal, no timers), so it costs nothing until shown; keep it to a few words.
 *
 * @example
 * <Tooltip content="Clear the conversation"><Button>Clear</Button></Tooltip>
 */
export function Tooltip({ content, children, side = 'top', describe = true, className }: TooltipProps) {
  const id = useId()
  const trigger = describe ? cloneElement(children, { 'aria-describedby': id }) : children
  return (
    <span className={cx('kindling-tooltip', className)} data-side={side}>
      {trigger}
      <span
        id={id}
        role={describe ? 'tooltip' : undefined}
        aria-hidden={describe ? undefined : true}
        className="kindling-tooltip__content"
      >
        {content}
      </span>
    </span>
  )
}
