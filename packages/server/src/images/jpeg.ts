import type { ImageFormat } from './imageSize.ts'

// Start-of-frame markers carry the size; C4 (Huffman tables), C8 (reserved) and CC (arithmetic
// coding) share the range but are not frames.
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc

/**
 * JPEG: SOI (FF D8), then segments `FF marker length payload` until a start-of-frame, whose payload is
 * precision, height, width (big-endian). Stand-alone markers (RSTn, TEM) have no length.
 */
export const jpeg: ImageFormat = {
  mediaType: 'image/jpeg',
  readSize(bytes) {
    if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined
    let at = 2
    while (at + 1 < bytes.length) {
      if (bytes[at] !== 0xff) return undefined
      const marker = bytes[at + 1] as number
      if (marker === 0xff) {
        at++ // fill byte
        continue
      }
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        at += 2
        continue
      }
      if (marker === 0xd9 || marker === 0xda) return undefined // end of image or scan before a frame
      if (at + 3 >= bytes.length) return undefined
      const length = ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number)
      if (length < 2) return undefined
      if (isStartOfFrame(marker)) {
        if (at + 8 >= bytes.length) return undefined
        const height = ((bytes[at + 5] as number) << 8) | (bytes[at + 6] as number)
        const width = ((bytes[at + 7] as number) << 8) | (bytes[at + 8] as number)
        return width > 0 && height > 0 ? { width, height } : undefined
      }
      at += 2 + length
    }
    return undefined
  },
}
