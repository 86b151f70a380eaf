import type { KindlingError, ListModelsResponse, Model } from '@kindling/client'
import { type ChatState, useChatStore, useModels } from '@kindling/react'
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react'
import type { AttachmentOptions } from '../Composer/attachments/attachmentOptions.ts'
import type { SentAttachment } from '../Composer/attachments/attachmentPart.ts'
import { userMessageWithAttachments } from '../Composer/attachments/userMessage.ts'
import { Composer } from '../Composer/Composer.tsx'
import { cx } from '../internal/cx.ts'
import type { ConnectedModelPickerProps } from '../ModelPicker/ConnectedModelPicker.tsx'
import { ModelPicker } from '../ModelPicker/ModelPicker.tsx'
import { Button } from '../primitives/Button.tsx'
import { Icons } from '../primitives/Icons.tsx'
import { useChatContext } from './ChatContext.ts'
import { useModelAcceptsImages } from './useModelAcceptsImages.ts'

/** The composer's status: busy (Stop shown) while a tool runs too, so Stop can abort it. */
function composerStatus(state: ChatState): ChatState['status'] {
  if (state.status !== 'ready') return state.status
  for (const call of state.toolCalls.values()) if (call.status === 'running') return 'submitted'
  return 'ready'
}

/** Props of `Chat.Composer`. */
export interface ChatComposerProps {
  placeholder?: string | undefined
  /** Accessible name of the input. Default "Message". */
  'aria-label'?: string | undefined
  autoFocus?: boolean | undefined
  /**
   * Lets the user attach images and text files (button, paste, drop): `true` for the defaults, or
   * limits and an `upload` function. Unless `acceptsImages` is given, images are refused for a
   * model the server lists with `supports_image_input: false`. Off while editing a message.
   */
  attachments?: AttachmentOptions | boolean | undefined
  className?: string | undefined
}

/**
 * The chat's {@link Composer}: its text is the chat's `input`, Enter sends, Stop stops the reply
 * (or the tool) in progress. While a user message is being edited, sending replaces it and asks again.
 */
export function ChatComposer(props: ChatComposerProps) {
  const wantsImages =
    props.attachments === true || (props.attachments && props.attachments.acceptsImages === undefined)
  // Only a composer that takes attachments asks the model list: a disabled query would still sit
  // in the cache and leave its garbage-collection timer behind every chat.
  return wantsImages ? (
    <ComposerReadingModelList {...props} />
  ) : (
    <ChatComposerBody {...props} listed={undefined} />
  )
}

function ComposerReadingModelList(props: ChatComposerProps) {
  const { client, model } = useChatContext()
  const listed = useModelAcceptsImages(client, model, true)
  return <ChatComposerBody {...props} listed={listed} />
}

function ChatComposerBody({
  placeholder,
  'aria-label': ariaLabel,
  autoFocus,
  attachments,
  className,
  listed,
}: ChatComposerProps & { listed: boolean | undefined }) {
  const { id, send, setInput, handleSubmit, stop, edit, editingId, cancelEditing } = useChatContext()
  const input = useChatStore(id, (state) => state.input)
  const status = useChatStore(id, composerStatus)
  const attachmentOptions = useMemo(() => {
    const options = attachments === true ? {} : attachments || undefined
    return options && listed !== undefined ? { ...options, acceptsImages: listed } : options
  }, [attachments, listed])
  const submit = useCallback(
    (text: string, sent: readonly SentAttachment[]) => {
      if (editingId === undefined) {
        if (sent.length === 0) return void handleSubmit()
        setInput('')
        return void send(userMessageWithAttachments(text, sent))
      }
      cancelEditing()
      void edit(editingId, text)
    },
    [editingId, handleSubmit, cancelEditing, edit, send, setInput],
  )
  return (
    <div className={cx('kindling-chat__composer', className)}>
      {editingId !== undefined ? (
        <div className="kindling-chat__editing">
          <span>Editing your message: sending replaces it and asks again.</span>
          <Button variant="ghost" size="sm" onClick={cancelEditing}>
            Cancel edit
          </Button>
        </div>
      ) : null}
      <Composer.Root
        value={input}
        onChange={setInput}
        onSubmit={submit}
        onStop={stop}
        status={status}
        attachments={editingId === undefined ? attachmentOptions : undefined}
      >
        <Composer.Attachments />
        <Composer.Input placeholder={placeholder} aria-label={ariaLabel} autoFocus={autoFocus} />
        <Composer.AttachButton />
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
  /** What to say about the failure. Default "Can't reach the server: " and the error's message. */
  describe?: ((error: KindlingError) => ReactNode) | undefined
}

/**
 * The chat's connection banner: shown while the server can't be used at all (`Chat.ModelPicker`'s
 * model list fails to load), with one "Try again" that loads the list again and re-asks a failed
 * last answer. While it shows, it is the only retry on screen: the model picker and the failed
 * message say what happened without buttons of their own. A failure of one answer (a stream cut,
 * a 500) is not a connection failure: that message shows it, with Retry. An alert: nothing else
 * announces a server that can't be reached.
 */
export function ChatErrorNotice({ className, retryLabel = 'Try again', describe }: ChatErrorNoticeProps) {
  const { id, modelListError, retryModelList, regenerate, setErrorNoticeMounted } = useChatContext()
  const lastFailed = useChatStore(id, (state) => state.status === 'error')
  const [checking, setChecking] = useState(false)
  useEffect(() => {
    setErrorNoticeMounted(true)
    return () => setErrorNoticeMounted(false)
  }, [setErrorNoticeMounted])
  if (!modelListError) return null
  return (
    <div role="alert" className={cx('kindling-chat__error', className)}>
      <p>{describe ? describe(modelListError) : `Can't reach the server: ${modelListError.message}`}</p>
      <Button
        size="sm"
        icon={<Icons.Retry />}
        disabled={checking}
        onClick={() => {
          setChecking(true)
          void retryModelList().then((loaded) => {
            setChecking(false)
            if (loaded && lastFailed) void regenerate()
          })
        }}
      >
        {retryLabel}
      </Button>
    </div>
  )
}

/** Props of `Chat.ModelPicker`: a {@link ConnectedModelPicker} without `value`/`onChange`. */
export type ChatModelPickerProps = Omit<ConnectedModelPickerProps, 'value' | 'onChange' | 'client'>

const dataOf = (list: ListModelsResponse): readonly Model[] => list.data

/**
 * The chat's model, chosen from the server's list (`useModels`). The next request uses the picked
 * model; the conversation is kept. A list that fails to load means the server can't be used: the
 * picker tells `Chat.ErrorNotice`, which then reports it (with the one "Try again") instead of the
 * picker.
 */
export function ChatModelPicker({ filter, queryOptions, showError = true, ...props }: ChatModelPickerProps) {
  const { client, model, setModel, errorNoticeMounted, reportModelList } = useChatContext()
  const { data, isLoading, error, refetch, isRefetching } = useModels({
    ...queryOptions,
    client,
    select: dataOf,
  })
  const models = useMemo(() => (data && filter ? data.filter(filter) : data), [data, filter])
  const listError = error ?? undefined
  useEffect(() => {
    reportModelList(listError, async () => !(await refetch()).error)
  }, [listError, refetch, reportModelList])
  useEffect(() => () => reportModelList(undefined, async () => true), [reportModelList])
  return (
    <ModelPicker
      {...props}
      models={models}
      value={model}
      onChange={setModel}
      isLoading={isLoading || (isRefetching && Boolean(error))}
      error={showError && !errorNoticeMounted ? error : undefined}
      onRetry={() => void refetch()}
    />
  )
}
