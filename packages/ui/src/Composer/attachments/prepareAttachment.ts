import type { ResolvedAttachmentOptions } from './attachmentOptions.ts'
import { type AttachmentKind, kindOf } from './checkFile.ts'
import { downscaleImage } from './downscaleImage.ts'
import { SNIFF_BYTES, sniffImageType } from './sniffImageType.ts'

/** A file read and made ready to send: an image within the limits, or a text file's text. */
export type PreparedAttachment =
  | {
      readonly kind: 'image'
      readonly name: string
      readonly blob: Blob
      readonly type: string
      readonly width: number
      readonly height: number
    }
  | {
      readonly kind: 'text'
      readonly name: string
      readonly type: string
      readonly text: string
      readonly size: number
    }

/** A file whose bytes are not what it claims: the message names it. */
export class AttachmentError extends Error {
  override readonly name = 'AttachmentError'
}

async function prepareImage(file: File, options: ResolvedAttachmentOptions): Promise<PreparedAttachment> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer())
  const actual = sniffImageType(head)
  if (!actual) {
    throw new AttachmentError(`${file.name} was not attached: its bytes are not a ${file.type} image.`)
  }
  try {
    // The bytes decide the type: a PNG named .jpg is sent as the PNG it is.
    const image = await downscaleImage(file, actual, {
      maxSide: options.maxImageSide,
      maxBytes: options.maxImageBytes,
    })
    return { kind: 'image', name: file.name, ...image }
  } catch (error) {
    const reason =
      error instanceof Error && error.message.startsWith('it ')
        ? error.message
        : 'it could not be read as an image.'
    throw new AttachmentError(`${file.name} was not attached: ${reason}`)
  }
}

async function prepareText(file: File): Promise<PreparedAttachment> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new AttachmentError(`${file.name} was not attached: it is not UTF-8 text.`)
  }
  return { kind: 'text', name: file.name, type: file.type || 'text/plain', text, size: file.size }
}

/**
 * Reads a file that passed `checkFile`: an image is checked by its bytes and downscaled to the
 * limits; a text file is decoded (UTF-8). Throws an {@link AttachmentError} naming the file.
 */
export function prepareAttachment(
  file: File,
  options: ResolvedAttachmentOptions,
): Promise<PreparedAttachment> {
  const kind: AttachmentKind | undefined = kindOf(file)
  return kind === 'image' ? prepareImage(file, options) : prepareText(file)
}
