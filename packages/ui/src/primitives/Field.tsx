import { forwardRef, type InputHTMLAttributes, type SelectHTMLAttributes } from 'react'
import { cx } from '../internal/cx.ts'
import { Icons } from './Icons.tsx'

/** Props of {@link Input}: a native input's. */
export type InputProps = InputHTMLAttributes<HTMLInputElement>

/**
 * A themed text (or number, search, URL…) field. Label it with a `<label htmlFor>` or `aria-label`.
 *
 * @example
 * <label htmlFor="url">Base URL</label> <Input id="url" type="url" />
 */
export const Input = forwardRef<HTMLInputElement, InputProps>(function Input({ className, ...props }, ref) {
  return <input ref={ref} className={cx('kindling-input', className)} {...props} />
})

/** Props of {@link Select}: a native select's. */
export type SelectProps = SelectHTMLAttributes<HTMLSelectElement>

/**
 * A themed native `<select>` (keyboard, screen reader and mobile pickers come free) with the kit's
 * chevron. Options are plain `<option>` children.
 *
 * @example
 * <Select aria-label="Model" value={model} onChange={(e) => setModel(e.target.value)}>…</Select>
 */
export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select(
  { className, children, ...props },
  ref,
) {
  return (
    <span className={cx('kindling-select', className)}>
      <select ref={ref} className="kindling-select__control" {...props}>
        {children}
      </select>
      <Icons.ChevronDown className="kindling-select__chevron" />
    </span>
  )
})
