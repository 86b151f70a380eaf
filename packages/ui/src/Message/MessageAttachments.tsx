import type { MessageAttachment } from '@kindling/react'
import { formatBytes } from '../Composer/attachments/formatBytes.ts'
import { cx } from '../internal/cx.ts'
import { Icons } from '../primitives/Icons.tsx'
import { useMessageView } from './MessageContext.ts'
import { safeImageUrl } from './safeImageUrl.ts'

/** Props of {@link MessageAttachments}. */
export interface MessageAttachmentsProps {
  className?: string | undefined
}

function describe(attachment: MessageAttachment | undefined): string | undefined {
  if (!attachment) return undefined
  const pixels = attachment.width && attachment.height ? `, ${attachment.width}×${attachment.height}` : ''
  return `${formatBytes(attachment.size)}${pixels}`
}

/**
 * The images and files a message carries (its `parts`): each image (only `data:`, `blob:` and
 * `https:` URLs, loaded without a referrer, its file name as alt text) and each attached text file
 * by name and size. Nothing for a message without them.
 */
export function MessageAttachments({ className }: MessageAttachmentsProps) {
  const message = useMessageView()
  const parts = message.parts
  if (!parts?.length) return null
  const byPart = new Map(message.attachments?.map((attachment) => [attachment.part, attachment]))
  const items = parts.flatMap((part, index) => {
    const attachment = byPart.get(index)
    if (part.type === 'image_url') {
      const url = typeof part.image_url?.url === 'string' ? safeImageUrl(part.image_url.url) : undefined
      const name = attachment?.name ?? `Image ${index + 1}`
      return [
        // biome-ignore lint/suspicious/noArrayIndexKey: a sent message's parts never move; the index is their identity
        <li key={`part-${index}`} className="kindling-message__attachment" data-kind="image">
          {url ? (
            <img
              className="kindling-message__image"
              src={url}
              alt={name}
              title={[name, describe(attachment)].filter(Boolean).join(' · ')}
              referrerPolicy="no-referrer"
              loading="lazy"
              decoding="async"
            />
          ) : (
            <span className="kindling-message__file">{name} (not shown: its address is not https)</span>
          )}
        </li>,
      ]
    }
    // Text parts are the message's own text unless a file became them.
    if (!attachment) return []
    return [
      // biome-ignore lint/suspicious/noArrayIndexKey: a sent message's parts never move; the index is their identity
      <li key={`part-${index}`} className="kindling-message__attachment" data-kind="file">
        <span className="kindling-message__file">
          <Icons.File />
          <span className="kindling-message__file-name">{attachment.name}</span>
          <span className="kindling-message__file-size">{describe(attachment)}</span>
        </span>
      </li>,
    ]
  })
  if (items.length === 0) return null
  return (
    <ul className={cx('kindling-message__attachments', className)} aria-label="Attachments">
      {items}
    </ul>
  )
}
