import { ascii, type ImageFormat, startsWith } from './imageSize.ts'

const RIFF = ascii('RIFF')
const WEBP = ascii('WEBP')
const VP8 = ascii('VP8 ')
const VP8L = ascii('VP8L')
const VP8X = ascii('VP8X')
const VP8_START_CODE = [0x9d, 0x01, 0x2a]

const u16 = (bytes: Uint8Array, at: number) => (bytes[at] as number) | ((bytes[at + 1] as number) << 8)
const u24 = (bytes: Uint8Array, at: number) => u16(bytes, at) | ((bytes[at + 2] as number) << 16)

/**
 * WebP: `RIFF size WEBP`, then the first chunk at byte 12. `VP8 ` (lossy): a key frame's start code,
 * then 14-bit width and height; `VP8L` (lossless): 0x2F, then width-1 and height-1 in 14 bits each;
 * `VP8X` (extended): canvas width-1 and height-1 in 24 bits each.
 */
export const webp: ImageFormat = {
  mediaType: 'image/webp',
  readSize(bytes) {
    if (!startsWith(bytes, RIFF) || !startsWith(bytes, WEBP, 8)) return undefined
    if (startsWith(bytes, VP8, 12) && startsWith(bytes, VP8_START_CODE, 23) && bytes.length >= 30) {
      return { width: u16(bytes, 26) & 0x3fff, height: u16(bytes, 28) & 0x3fff }
    }
    if (startsWith(bytes, VP8L, 12) && bytes[20] === 0x2f && bytes.length >= 25) {
      const bits = (u16(bytes, 21) | (u16(bytes, 23) << 16)) >>> 0
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
    }
    if (startsWith(bytes, VP8X, 12) && bytes.length >= 30) {
      return { width: u24(bytes, 24) + 1, height: u24(bytes, 27) + 1 }
    }
    return undefined
  },
}
