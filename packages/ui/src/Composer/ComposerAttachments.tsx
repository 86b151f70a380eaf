import { useRef } from 'react'
import { cx } from '../internal/cx.ts'
import { Icons } from '../primitives/Icons.tsx'
import { formatBytes } from './attachments/formatBytes.ts'
import { useComposer } from './ComposerContext.ts'

/** Props of `Composer.Attachments` and `Composer.AttachButton`. */
export interface ComposerAttachmentsProps {
  className?: string | undefined
}

/**
 * The draft's files: a thumbnail (images) or name and size (text files), each with a remove
 * button; why files were not attached; and a live region that tells screen readers what was
 * attached or removed. Nothing when the composer takes no attachments.
 */
export function ComposerAttachments({ className }: ComposerAttachmentsProps) {
  const { attachments, formRef } = useComposer()
  if (!attachments) return null
  const { items, rejections, announcement, remove } = attachments
  return (
    <>
      {items.length > 0 ? (
        <ul className={cx('kindling-composer__attachments', className)} aria-label="Attachments">
          {items.map((item) => (
            <li
              key={item.id}
              className="kindling-composer__attachment"
              data-kind={item.kind}
              data-status={item.status}
              aria-busy={item.status === 'preparing' || undefined}
            >
              {item.previewUrl ? (
                <img className="kindling-composer__thumbnail" src={item.previewUrl} alt={item.name} />
              ) : (
                <Icons.File className="kindling-composer__file-icon" />
              )}
              <span className="kindling-composer__attachment-text">
                <span className="kindling-composer__attachment-name">{item.name}</span>
                <span className="kindling-composer__attachment-size">
                  {item.status === 'preparing' ? 'Preparing…' : formatBytes(item.size)}
                </span>
              </span>
              <button
                type="button"
                className="kindling-button kindling-button--ghost kindling-button--icon kindling-button--sm kindling-composer__remove"
                aria-label={`Remove ${item.name}`}
                onClick={() => {
                  remove(item.id)
                  formRef.current?.querySelector('textarea')?.focus()
                }}
              >
                <Icons.Close />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {rejections.length > 0 ? (
        <div className="kindling-composer__error" role="alert">
          {rejections.map((reason) => (
            <p key={reason}>{reason}</p>
          ))}
        </div>
      ) : null}
      <p className="kindling-visually-hidden" role="status">
        {announcement}
      </p>
    </>
  )
}

/**
 * A paperclip button that opens the file picker (a hidden `<input type="file" multiple>` with the
 * accepted types). Nothing when the composer takes no attachments.
 */
export function ComposerAttachButton({ className }: ComposerAttachmentsProps) {
  const { attachments, disabled } = useComposer()
  const input = useRef<HTMLInputElement | null>(null)
  if (!attachments) return null
  const { options } = attachments
  const full = attachments.items.length >= options.maxFiles
  // A model that reads no images: the picker does not offer them (a dropped one is refused by name).
  const accept =
    options.acceptsImages === false
      ? options.accept.filter((entry) => !entry.startsWith('image/'))
      : options.accept
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={accept.join(',')}
        className="kindling-composer__file-input"
        aria-label="Files to attach"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])]
          // Let the same file be picked again after it was removed.
          event.target.value = ''
          attachments.add(files)
        }}
      />
      <button
        type="button"
        className={cx(
          'kindling-button',
          'kindling-button--ghost',
          'kindling-button--icon',
          'kindling-composer__button',
          'kindling-composer__attach',
          className,
        )}
        aria-label="Attach files"
        title={full ? `At most ${options.maxFiles} files` : 'Attach files'}
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        <Icons.Paperclip />
      </button>
    </>
  )
}
