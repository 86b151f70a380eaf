import { type ImageFormat, startsWith } from './imageSize.ts'

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const IHDR = [0x49, 0x48, 0x44, 0x52]

/** PNG: the signature, then the IHDR chunk, whose first fields are width and height (big-endian). */
export const png: ImageFormat = {
  mediaType: 'image/png',
  readSize(bytes) {
    if (!startsWith(bytes, SIGNATURE) || !startsWith(bytes, IHDR, 12) || bytes.length < 24) return undefined
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const width = view.getUint32(16)
    const height = view.getUint32(20)
    return width > 0 && height > 0 ? { width, height } : undefined
  },
}
