import { IMAGE_FORMATS, sniffImage } from './images/sniffImage.ts'
import { InvalidParamError } from './invalidParam.ts'
import type { ChatRequestMessage } from './requestSchemas.ts'

/** An image part as a built-in model sees it. */
export type ImageFact =
  | { kind: 'data'; mediaType: string; width: number; height: number; bytes: number }
  | { kind: 'remote'; url: string }

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const MEDIA_TYPES = new Set(IMAGE_FORMATS.map((format) => format.mediaType))
// Browsers and some tools still write the non-standard `image/jpg`.
const normaliseMediaType = (type: string) =>
  type.toLowerCase() === 'image/jpg' ? 'image/jpeg' : type.toLowerCase()

function readDataUrl(url: string, param: string): ImageFact {
  const match = DATA_URL.exec(url)
  if (!match) throw new InvalidParamError(`Invalid value for '${param}': not a valid data URL.`, param)
  const declared = normaliseMediaType(match[1] ?? '')
  const isBase64 = (match[2] ?? '').split(';').some((token) => token.toLowerCase() === 'base64')
  const data = match[3] ?? ''
  if (!declared.startsWith('image/')) {
    throw new InvalidParamError(
      `Invalid value for '${param}': the data URL's type is '${declared || 'text/plain'}', not an image.`,
      param,
    )
  }
  if (!MEDIA_TYPES.has(declared)) {
    throw new InvalidParamError(
      `Invalid value for '${param}': ${declared} is not supported; send ${[...MEDIA_TYPES].join(', ')}.`,
      param,
    )
  }
  if (!isBase64 || !BASE64.test(data)) {
    throw new InvalidParamError(`Invalid value for '${param}': the data URL's data is not base64.`, param)
  }
  const bytes = Buffer.from(data, 'base64')
  const sniffed = sniffImage(bytes)
  if (!sniffed) {
    throw new InvalidParamError(
      `Invalid value for '${param}': the data is not a ${declared} image (its header is not one).`,
      param,
    )
  }
  if (sniffed.mediaType !== declared) {
    throw new InvalidParamError(
      `Invalid value for '${param}': the data URL says ${declared} but its bytes are ${sniffed.mediaType}.`,
      param,
    )
  }
  return { kind: 'data', ...sniffed, bytes: bytes.length }
}

function readImageUrl(url: string, param: string): ImageFact {
  if (url.startsWith('data:')) return readDataUrl(url, param)
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new InvalidParamError(`Invalid value for '${param}': not a URL.`, param)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InvalidParamError(
      `Invalid value for '${param}': an image URL is https:, http: or data:, not ${parsed.protocol}.`,
      param,
    )
  }
  return { kind: 'remote', url }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Checks every content part of every message as a built-in model reads them: `text` parts with a
 * string `text`, `image_url` parts with a `url` that is an http(s) URL or a base64 data URL of a PNG,
 * JPEG, WebP or GIF whose bytes are that format. Returns the image facts of each message (empty for
 * string content); throws {@link InvalidParamError} naming the first bad part.
 */
export function readContentParts(messages: readonly ChatRequestMessage[]): ImageFact[][] {
  return messages.map((message, m) => {
    const { content } = message
    if (!Array.isArray(content)) return []
    const images: ImageFact[] = []
    for (const [p, part] of content.entries()) {
      const at = `messages[${m}].content[${p}]`
      if (part.type === 'text') {
        if (typeof part.text !== 'string') {
          throw new InvalidParamError(
            `Missing required parameter: '${at}.text'.`,
            `${at}.text`,
            'missing_required_parameter',
          )
        }
      } else if (part.type === 'image_url') {
        const image = part.image_url
        if (!isRecord(image)) {
          throw new InvalidParamError(
            `Missing required parameter: '${at}.image_url'.`,
            `${at}.image_url`,
            'missing_required_parameter',
          )
        }
        if (typeof image.url !== 'string' || image.url === '') {
          throw new InvalidParamError(
            `Missing required parameter: '${at}.image_url.url'.`,
            `${at}.image_url.url`,
            'missing_required_parameter',
          )
        }
        const detail = image.detail
        if (detail !== undefined && detail !== 'auto' && detail !== 'low' && detail !== 'high') {
          throw new InvalidParamError(
            `Invalid value for '${at}.image_url.detail': expected 'auto', 'low' or 'high'.`,
            `${at}.image_url.detail`,
          )
        }
        images.push(readImageUrl(image.url, `${at}.image_url.url`))
      } else {
        throw new InvalidParamError(
          `Invalid value for '${at}.type': built-in models understand 'text' and 'image_url' parts, not '${String((part as { type?: unknown }).type)}'.`,
          `${at}.type`,
        )
      }
    }
    return images
  })
}
