import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
} from 'react'
import { cx } from '../internal/cx.ts'
import { Icons } from '../primitives/Icons.tsx'
import { ComposerContext, type ComposerState, type ComposerStatus, useComposer } from './ComposerContext.ts'

/** Props of `Composer.Root`. */
export interface ComposerRootProps {
  /** The text being written (controlled). */
  value: string
  onChange: (value: string) => void
  /** Called with the text when the user sends (Enter or the send button). */
  onSubmit: (value: string) => void
  /** Called when the user presses stop while a reply streams. */
  onStop?: (() => void) | undefined
  /** `streaming` and `submitted` show the stop button and block sending. Default `ready`. */
  status?: ComposerStatus | undefined
  /** No typing, no sending. */
  disabled?: boolean | undefined
  /** An error to show under the input (e.g. why the last send failed). */
  error?: { message: string } | string | null | undefined
  className?: string | undefined
  children?: ReactNode
}

function ComposerRoot({
  value,
  onChange,
  onSubmit,
  onStop,
  status = 'ready',
  disabled = false,
  error,
  className,
  children,
}: ComposerRootProps) {
  const formRef = useRef<HTMLFormElement | null>(null)
  const errorId = useId()
  const busy = status === 'streaming' || status === 'submitted'
  const canSend = !disabled && !busy && value.trim() !== ''
  const submit = useCallback(() => formRef.current?.requestSubmit(), [])
  const errorMessage = typeof error === 'string' ? error : error?.message
  const state = useMemo<ComposerState>(
    () => ({
      value,
      onChange,
      status,
      disabled,
      canSend,
      submit,
      onStop,
      formRef,
      errorId,
      hasError: Boolean(errorMessage),
    }),
    [value, onChange, status, disabled, canSend, submit, onStop, errorId, errorMessage],
  )
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (canSend) onSubmit(value)
  }
  return (
    <ComposerContext.Provider value={state}>
      <form
        ref={formRef}
        className={cx('kindling-composer', className)}
        data-status={status}
        data-disabled={disabled || undefined}
        onSubmit={handleSubmit}
        aria-label="Send a message"
      >
        {children}
        {errorMessage ? (
          <p id={errorId} className="kindling-composer__error" role="alert">
            {errorMessage}
          </p>
        ) : null}
      </form>
    </ComposerContext.Provider>
  )
}

/** Props of `Composer.Input`. */
export interface ComposerInputProps {
  placeholder?: string | undefined
  /** Accessible name. Default "Message". */
  'aria-label'?: string | undefined
  className?: string | undefined
  autoFocus?: boolean | undefined
}

function isComposing(event: KeyboardEvent<HTMLTextAreaElement>, composing: boolean): boolean {
  // Safari fires the Enter that ends an IME composition after compositionend, with isComposing
  // false but keyCode 229: check all three signals.
  return composing || event.nativeEvent.isComposing || event.keyCode === 229
}

function ComposerInput({
  placeholder = 'Send a message…',
  'aria-label': ariaLabel = 'Message',
  className,
  autoFocus,
}: ComposerInputProps) {
  const { value, onChange, disabled, submit, errorId, hasError } = useComposer()
  const ref = useRef<HTMLTextAreaElement | null>(null)
  const composing = useRef(false)

  // Grow with the text up to the CSS max-height, then scroll.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure whenever the text changes
  useLayoutEffect(() => {
    const area = ref.current
    if (!area) return
    area.style.height = 'auto'
    area.style.height = `${area.scrollHeight}px`
  }, [value])

  return (
    <textarea
      ref={ref}
      className={cx('kindling-composer__input', className)}
      rows={1}
      value={value}
      placeholder={placeholder}
      aria-label={ariaLabel}
      aria-invalid={hasError || undefined}
      aria-describedby={hasError ? errorId : undefined}
      disabled={disabled}
      // biome-ignore lint/a11y/noAutofocus: opt-in by the app
      autoFocus={autoFocus}
      onChange={(event) => onChange(event.target.value)}
      onCompositionStart={() => {
        composing.current = true
      }}
      onCompositionEnd={() => {
        composing.current = false
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' || event.shiftKey || isComposing(event, composing.current)) return
        event.preventDefault()
        submit()
      }}
    />
  )
}

/** Props of `Composer.Send` and `Composer.Stop`. */
export interface ComposerButtonProps {
  /** Button text. Default: a round icon button named "Send" / "Stop". */
  children?: ReactNode
  className?: string | undefined
}

function ComposerSend({ children, className }: ComposerButtonProps) {
  const { canSend, status } = useComposer()
  if (status === 'streaming' || status === 'submitted') return null
  return (
    <button
      type="submit"
      className={cx(
        'kindling-button',
        'kindling-button--primary',
        'kindling-composer__button',
        children === undefined && 'kindling-button--icon',
        className,
      )}
      disabled={!canSend}
    >
      {children ?? (
        <>
          <Icons.Send />
          <span className="kindling-visually-hidden">Send</span>
        </>
      )}
    </button>
  )
}

function ComposerStop({ children, className }: ComposerButtonProps) {
  const { status, onStop } = useComposer()
  if (status !== 'streaming' && status !== 'submitted') return null
  return (
    <button
      type="button"
      className={cx(
        'kindling-button',
        'kindling-button--secondary',
        'kindling-composer__button',
        children === undefined && 'kindling-button--icon',
        className,
      )}
      disabled={!onStop}
      onClick={onStop}
    >
      {children ?? (
        <>
          <Icons.Stop />
          <span className="kindling-visually-hidden">Stop</span>
        </>
      )}
    </button>
  )
}

/**
 * The message input, as compound parts:
 *
 * ```tsx
 * <Composer.Root value={text} onChange={setText} onSubmit={send} onStop={stop} status={status}>
 *   <Composer.Input />
 *   <Composer.Send />
 *   <Composer.Stop />
 * </Composer.Root>
 * ```
 *
 * Enter sends, Shift+Enter starts a new line, and Enter during IME composition (Japanese, Chinese,
 * Korean input) only commits the composition. While a reply streams, Stop replaces Send.
 */
export const Composer = {
  Root: ComposerRoot,
  Input: ComposerInput,
  Send: ComposerSend,
  Stop: ComposerStop,
} as const
