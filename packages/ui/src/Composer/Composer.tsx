import {
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { cx } from '../internal/cx.ts'
import { Icons } from '../primitives/Icons.tsx'
import type { AttachmentOptions } from './attachments/attachmentOptions.ts'
import type { SentAttachment } from './attachments/attachmentPart.ts'
import { AttachmentError } from './attachments/prepareAttachment.ts'
import { ComposerAttachButton, ComposerAttachments } from './ComposerAttachments.tsx'
import { ComposerContext, type ComposerState, type ComposerStatus, useComposer } from './ComposerContext.ts'
import { useAttachmentDraft } from './useAttachmentDraft.ts'

/** Props of `Composer.Root`. */
export interface ComposerRootProps {
  /** The text being written (controlled). */
  value: string
  onChange: (value: string) => void
  /**
   * Called with the text when the user sends (Enter or the send button), and with the attached
   * files' content parts once they are ready (`[]` without attachments).
   */
  onSubmit: (value: string, attachments: readonly SentAttachment[]) => void
  /** Called when the user presses stop while a reply streams. */
  onStop?: (() => void) | undefined
  /** `streaming` and `submitted` show the stop button and block sending. Default `ready`. */
  status?: ComposerStatus | undefined
  /** No typing, no sending. */
  disabled?: boolean | undefined
  /** An error to show under the input (e.g. why the last send failed). */
  error?: { message: string } | string | null | undefined
  /**
   * Lets the user attach files (`Composer.AttachButton`, paste, drop), shown by
   * `Composer.Attachments`: `true` for the defaults, or limits and an `upload` function.
   */
  attachments?: AttachmentOptions | boolean | undefined
  className?: string | undefined
  children?: ReactNode
}

const NO_OPTIONS: AttachmentOptions = {}
const hasFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files')

function ComposerRoot({
  value,
  onChange,
  onSubmit,
  onStop,
  status = 'ready',
  disabled = false,
  error,
  attachments: attachmentProp,
  className,
  children,
}: ComposerRootProps) {
  const formRef = useRef<HTMLFormElement | null>(null)
  const errorId = useId()
  const draft = useAttachmentDraft(typeof attachmentProp === 'object' ? attachmentProp : NO_OPTIONS)
  const attachments = attachmentProp ? draft : undefined
  const [collecting, setCollecting] = useState(false)
  const [sendError, setSendError] = useState<string | undefined>(undefined)
  const [dragging, setDragging] = useState(false)
  const files = attachments?.items.length ?? 0
  const busy = status === 'streaming' || status === 'submitted'
  const canSend = !disabled && !busy && !collecting && (value.trim() !== '' || files > 0)
  const submit = useCallback(() => formRef.current?.requestSubmit(), [])
  const errorMessage = sendError ?? (typeof error === 'string' ? error : error?.message)
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
      attachments,
    }),
    [value, onChange, status, disabled, canSend, submit, onStop, errorId, errorMessage, attachments],
  )
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!canSend) return
    setSendError(undefined)
    if (!attachments || files === 0) return onSubmit(value, [])
    // Files may still be downscaling (or need uploading): send once they are ready. The draft is
    // kept when one fails.
    setCollecting(true)
    attachments
      .collect()
      .then((sent) => {
        if (!sent) return
        onSubmit(value, sent)
        attachments.clear()
      })
      .catch((failure: unknown) =>
        setSendError(failure instanceof AttachmentError ? failure.message : String(failure)),
      )
      .finally(() => setCollecting(false))
  }
  const dropProps = attachments
    ? {
        onDragOver(event: DragEvent<HTMLFormElement>) {
          if (!hasFiles(event) || disabled) return
          event.preventDefault()
          event.dataTransfer.dropEffect = 'copy'
          setDragging(true)
        },
        onDragLeave(event: DragEvent<HTMLFormElement>) {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false)
        },
        onDrop(event: DragEvent<HTMLFormElement>) {
          setDragging(false)
          if (!hasFiles(event) || disabled) return
          event.preventDefault()
          attachments.add([...event.dataTransfer.files])
        },
      }
    : {}
  return (
    <ComposerContext.Provider value={state}>
      <form
        ref={formRef}
        className={cx('kindling-composer', className)}
        data-status={status}
        data-disabled={disabled || undefined}
        data-dragging={dragging || undefined}
        aria-busy={collecting || undefined}
        onSubmit={handleSubmit}
        aria-label="Send a message"
        {...dropProps}
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
  const { value, onChange, disabled, submit, errorId, hasError, attachments } = useComposer()
  const ref = useRef<HTMLTextAreaElement | null>(null)
  const composing = useRef(false)

  // Grow with the text up to the CSS max-height, then scroll.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure whenever the text changes
  useLayoutEffect(() => {
    const area = ref.current
    if (!area) return
    fitHeight(area)
  }, [value])

  // And whenever its width changes (a narrower screen, buttons or previews appearing beside it): the
  // same text then wraps onto more or fewer lines. Measured in the next frame, so setting the height
  // does not re-enter the observer in the same one.
  useLayoutEffect(() => {
    const area = ref.current
    if (!area || typeof ResizeObserver === 'undefined') return
    let width = area.clientWidth
    let frame = 0
    const observer = new ResizeObserver(() => {
      if (area.clientWidth === width) return
      width = area.clientWidth
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => fitHeight(area))
    })
    observer.observe(area)
    return () => {
      observer.disconnect()
      cancelAnimationFrame(frame)
    }
  }, [])

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
      onPaste={(event) => {
        const files = [...event.clipboardData.files]
        if (!attachments || files.length === 0) return
        // A copied image often comes with its HTML too: attach the file, paste no text.
        event.preventDefault()
        attachments.add(files)
      }}
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
 *
 * With `attachments` on the root, files are attached by `Composer.AttachButton`, by pasting into
 * the input and by dropping them on the composer, and `Composer.Attachments` shows them.
 */
export const Composer = {
  Root: ComposerRoot,
  Input: ComposerInput,
  Attachments: ComposerAttachments,
  AttachButton: ComposerAttachButton,
  Send: ComposerSend,
  Stop: ComposerStop,
} as const

/** Grows a textarea to its text, up to its CSS max-height (then it scrolls). */
function fitHeight(area: HTMLTextAreaElement) {
  area.style.height = 'auto'
  area.style.height = `${area.scrollHeight}px`
}
