import { ascii, type ImageFormat, startsWith } from './imageSize.ts'

const GIF87A = ascii('GIF87a')
const GIF89A = ascii('GIF89a')

/** GIF: `GIF87a` or `GIF89a`, then the logical screen's width and height (little-endian). */
export const gif: ImageFormat = {
  mediaType: 'image/gif',
  readSize(bytes) {
    if (!(startsWith(bytes, GIF87A) || startsWith(bytes, GIF89A)) || bytes.length < 10) return undefined
    const width = (bytes[6] ?? 0) | ((bytes[7] ?? 0) << 8)
    const height = (bytes[8] ?? 0) | ((bytes[9] ?? 0) << 8)
    return width > 0 && height > 0 ? { width, height } : undefined
  },
}
