import { type ButtonHTMLAttributes, forwardRef, type ReactNode } from 'react'
import { cx } from '../internal/cx.ts'
import { Tooltip, type TooltipSide } from './Tooltip.tsx'

/** How a button stands out: `primary` (the one main action), `secondary` (outlined), `ghost` (quiet), `danger`. */
export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger'

/** Props of {@link Button}: a native button's, plus a look. */
export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Default `secondary`. */
  variant?: ButtonVariant | undefined
  /** Default `md` (`--kindling-control-height`); `sm` for dense rows. */
  size?: 'sm' | 'md' | undefined
  /** An icon before the label (e.g. `<Icons.Plus />`). */
  icon?: ReactNode
}

/** The class names of a {@link Button}, for an element that must look like one (a link, a label). */
export function buttonClassName({
  variant = 'secondary',
  size = 'md',
  iconOnly = false,
}: {
  variant?: ButtonVariant | undefined
  size?: 'sm' | 'md' | undefined
  iconOnly?: boolean | undefined
} = {}): string {
  return cx(
    'kindling-button',
    `kindling-button--${variant}`,
    size === 'sm' && 'kindling-button--sm',
    iconOnly && 'kindling-button--icon',
  )
}

/**
 * A themed button. `type` defaults to `"button"`, so a button in a form never submits by accident.
 *
 * @example
 * <Button variant="primary" icon={<Icons.Send />}>Send</Button>
 */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant, size, icon, className, type = 'button', children, ...props },
  ref,
) {
  return (
    <button ref={ref} type={type} className={cx(buttonClassName({ variant, size }), className)} {...props}>
      {icon}
      {children}
    </button>
  )
})

/** Props of {@link IconButton}. */
export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  /** The button's accessible name, also shown as its tooltip. */
  label: string
  /** The icon, e.g. `<Icons.Copy />`. */
  icon: ReactNode
  /** Default `ghost`. */
  variant?: ButtonVariant | undefined
  /** Default `md`. */
  size?: 'sm' | 'md' | undefined
  /** Where the tooltip shows; `false` for none. Default `top`. */
  tooltip?: TooltipSide | false | undefined
}

/**
 * A square button that shows only an icon; `label` names it for screen readers and appears as a
 * tooltip on hover and keyboard focus.
 *
 * @example
 * <IconButton label="Copy" icon={<Icons.Copy />} onClick={copy} />
 */
export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  { label, icon, variant = 'ghost', size, tooltip = 'top', className, type = 'button', ...props },
  ref,
) {
  const button = (
    <button
      ref={ref}
      type={type}
      aria-label={label}
      className={cx(buttonClassName({ variant, size, iconOnly: true }), className)}
      {...props}
    >
      {icon}
    </button>
  )
  // The label already names the button: the tooltip only shows it to sighted users.
  return tooltip === false ? (
    button
  ) : (
    <Tooltip content={label} side={tooltip} describe={false}>
      {button}
    </Tooltip>
  )
})
