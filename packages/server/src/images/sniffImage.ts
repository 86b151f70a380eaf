import { gif } from './gif.ts'
import type { ImageFormat, ImageSize } from './imageSize.ts'
import { jpeg } from './jpeg.ts'
import { png } from './png.ts'
import { webp } from './webp.ts'

/** The formats the server reads: the ones OpenAI's vision models accept. */
export const IMAGE_FORMATS: readonly ImageFormat[] = [png, jpeg, webp, gif]

/** What an image's bytes say it is. */
export interface SniffedImage extends ImageSize {
  mediaType: string
}

/** The format and pixel size of `bytes`, from their header; undefined when no known format matches. */
export function sniffImage(bytes: Uint8Array): SniffedImage | undefined {
  for (const format of IMAGE_FORMATS) {
    const size = format.readSize(bytes)
    if (size) return { mediaType: format.mediaType, ...size }
  }
  return undefined
}
