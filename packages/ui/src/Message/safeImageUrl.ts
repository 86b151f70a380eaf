// The only image URLs a message shows: inline images of the four sendable types, object URLs of the
// page, and https. Anything else (http, javascript:, data:image/svg+xml, relative paths) is not loaded.
const DATA_IMAGE = /^data:image\/(?:png|jpeg|webp|gif);base64,/i

/** `url` when a message may load it as an image, otherwise undefined. */
export function safeImageUrl(url: string): string | undefined {
  if (DATA_IMAGE.test(url)) return url
  if (url.startsWith('blob:')) return url
  try {
    return new URL(url).protocol === 'https:' ? url : undefined
  } catch {
    return undefined
  }
}
