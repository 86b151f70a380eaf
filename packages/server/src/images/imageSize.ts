/** The pixel size an image's header declares. */
export interface ImageSize {
  width: number
  height: number
}

/** An image format the server reads headers of: its media type and its size reader. */
export interface ImageFormat {
  mediaType: string
  /** The size from the header, or undefined when `bytes` are not this format (or are cut short). */
  readSize(bytes: Uint8Array): ImageSize | undefined
}

/** True when `bytes` start with `signature` at `offset`. */
export function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false
  return signature.every((byte, index) => bytes[offset + index] === byte)
}

/** ASCII codes of `text`, for signatures written as text. */
export const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0))
