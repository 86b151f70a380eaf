import { type ChatStatus, useChatStore } from '@kindling/react'
import { useCallback } from 'react'
import { Composer } from '../Composer/Composer.tsx'
import type { ComposerStatus } from '../Composer/ComposerContext.ts'
import { cx } from '../internal/cx.ts'
import { ConnectedModelPicker, type ConnectedModelPickerProps } from '../ModelPicker/ConnectedModelPicker.tsx'
import { useChatContext } from './ChatContext.ts'

const COMPOSER_STATUS: Record<ChatStatus, ComposerStatus> = {
  ready: 'ready',
  submitted: 'submitted',
  streaming: 'streaming',
  error: 'error',
}

/** Props of `Chat.Composer`. */
export interface ChatComposerProps {
  placeholder?: string | undefined
  /** Accessible name of the input. Default "Message". */
  'aria-label'?: string | undefined
  autoFocus?: boolean | undefined
  className?: string | undefined
}

/**
 * The chat's {@link Composer}: its text is the chat's `input`, Enter sends, Stop stops the reply
 * in progress. While a user message is being edited, sending replaces it and asks again.
 */
export function ChatComposer({
  placeholder,
  'aria-label': ariaLabel,
  autoFocus,
  className,
}: ChatComposerProps) {
  const { id, setInput, handleSubmit, stop, edit, editingId, cancelEditing } = useChatContext()
  const input = useChatStore(id, (state) => state.input)
  const status = useChatStore(id, (state) => state.status)
  const submit = useCallback(
    (text: string) => {
      if (editingId === undefined) return void handleSubmit()
      cancelEditing()
      void edit(editingId, text)
    },
    [editingId, handleSubmit, cancelEditing, edit],
  )
  return (
    <div className={cx('kindling-chat__composer', className)}>
      {editingId !== undefined ? (
        <div className="kindling-chat__editing">
          <span>Editing your message: sending replaces it and asks again.</span>
          <button type="button" className="kindling-button kindling-button--ghost" onClick={cancelEditing}>
            Cancel edit
          </button>
        </div>
      ) : null}
      <Composer.Root
        value={input}
        onChange={setInput}
        onSubmit={submit}
        onStop={stop}
        status={COMPOSER_STATUS[status]}
      >
        <Composer.Input placeholder={placeholder} aria-label={ariaLabel} autoFocus={autoFocus} />
        <Composer.Send>{editingId !== undefined ? 'Save and send' : undefined}</Composer.Send>
        <Composer.Stop />
      </Composer.Root>
    </div>
  )
}

/** Props of `Chat.ErrorNotice`. */
export interface ChatErrorNoticeProps {
  className?: string | undefined
  /** Label of the retry button. Default "Try again". */
  retryLabel?: string | undefined
}

/**
 * The chat's last error (a failed request or a stream cut mid-answer) with a button that asks
 * again. Nothing while the chat is fine. Not a live region: `Chat.Messages` already announces the
 * failure once.
 */
export function ChatErrorNotice({ className, retryLabel = 'Try again' }: ChatErrorNoticeProps) {
  const { id, regenerate } = useChatContext()
  const error = useChatStore(id, (state) => (state.status === 'error' ? state.error : undefined))
  if (!error) return null
  return (
    <div className={cx('kindling-chat__error', className)}>
      <p>
        <strong>Something went wrong: </strong>
        {error.message}
      </p>
      <button type="button" className="kindling-button" onClick={() => void regenerate()}>
        {retryLabel}
      </button>
    </div>
  )
}

/** Props of `Chat.ModelPicker`: a {@link ConnectedModelPicker} without `value`/`onChange`. */
export type ChatModelPickerProps = Omit<ConnectedModelPickerProps, 'value' | 'onChange' | 'client'>

/**
 * The chat's model, chosen from the server's list (`useModels`). The next request uses the picked
 * model; the conversation is kept.
 */
export function ChatModelPicker(props: ChatModelPickerProps) {
  const { client, model, setModel } = useChatContext()
  return <ConnectedModelPicker {...props} client={client} value={model} onChange={setModel} />
}
