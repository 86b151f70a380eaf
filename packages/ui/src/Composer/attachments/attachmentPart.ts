import type { ContentPart } from '@kindling/client'
import type { MessageAttachment } from '@kindling/react'
import type { PreparedAttachment } from './prepareAttachment.ts'

/** A file turned into what is sent: its content part, and how the message shows it. */
export interface SentAttachment {
  readonly part: ContentPart
  /** Display details (`part` is set by whoever places the part in the message). */
  readonly attachment: Omit<MessageAttachment, 'part'>
}

/** `blob` as a `data:` URL (read natively, without building the base64 in script). */
export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as string)
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.readAsDataURL(blob)
  })
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')

/** How a text file reaches the model: its text, wrapped in a tag that names it. */
export function textFilePart(name: string, text: string): string {
  return `<file name="${escapeAttribute(name)}">\n${text}\n</file>`
}

/**
 * The content part of a prepared file: an image as an `image_url` (a data URL, or the URL that
 * `upload` resolves to), a text file as a `text` part.
 */
export async function attachmentPart(
  prepared: PreparedAttachment,
  upload?: ((file: File) => Promise<string>) | undefined,
): Promise<SentAttachment> {
  if (prepared.kind === 'text') {
    return {
      part: { type: 'text', text: textFilePart(prepared.name, prepared.text) },
      attachment: { name: prepared.name, type: prepared.type, size: prepared.size },
    }
  }
  const typed = new Blob([prepared.blob], { type: prepared.type })
  const url = upload
    ? await upload(new File([typed], prepared.name, { type: prepared.type }))
    : await blobToDataUrl(typed)
  return {
    part: { type: 'image_url', image_url: { url } },
    attachment: {
      name: prepared.name,
      type: prepared.type,
      size: typed.size,
      width: prepared.width,
      height: prepared.height,
    },
  }
}
