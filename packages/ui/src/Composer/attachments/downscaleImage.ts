/** An image ready to send: its bytes, type and pixel size. */
export interface ScaledImage {
  readonly blob: Blob
  readonly type: string
  readonly width: number
  readonly height: number
  /** True when it was re-encoded (smaller or lower quality); false when the original bytes are kept. */
  readonly scaled: boolean
}

/** Limits of {@link downscaleImage}. */
export interface DownscaleLimits {
  /** Longest side, in pixels. */
  readonly maxSide: number
  /** Largest encoded size, in bytes. */
  readonly maxBytes: number
}

// Canvas encoders browsers ship: PNG, JPEG and WebP. A GIF over the limits is re-encoded as PNG.
const ENCODABLE = new Set(['image/png', 'image/jpeg', 'image/webp'])
const LOSSY = new Set(['image/jpeg', 'image/webp'])
const MAX_PASSES = 8

type Canvas = OffscreenCanvas | HTMLCanvasElement

function canvasOf(width: number, height: number): Canvas {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  return canvas
}

async function encode(canvas: Canvas, type: string, quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality })
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The image could not be encoded.'))),
      type,
      quality,
    ),
  )
}

async function draw(bitmap: ImageBitmap, width: number, height: number, type: string, quality: number) {
  const canvas = canvasOf(width, height)
  const context = canvas.getContext('2d') as
    | OffscreenCanvasRenderingContext2D
    | CanvasRenderingContext2D
    | null
  if (!context) throw new Error('No 2D canvas to resize the image with.')
  context.imageSmoothingQuality = 'high'
  context.drawImage(bitmap, 0, 0, width, height)
  return encode(canvas, type, quality)
}

/**
 * Decodes `blob` (throws when it is not a readable image) and, when it is larger than `limits`,
 * draws it smaller and re-encodes it in its own type: first to the longest side, then lossy types
 * at lower quality, then smaller again until the bytes fit. An image within the limits keeps its
 * original bytes.
 */
export async function downscaleImage(
  blob: Blob,
  type: string,
  limits: DownscaleLimits,
): Promise<ScaledImage> {
  const bitmap = await createImageBitmap(blob)
  try {
    const { width, height } = bitmap
    const longest = Math.max(width, height)
    if (longest <= limits.maxSide && blob.size <= limits.maxBytes) {
      return { blob, type, width, height, scaled: false }
    }
    const outType = ENCODABLE.has(type) ? type : 'image/png'
    let scale = Math.min(1, limits.maxSide / longest)
    let quality = 0.9
    let out: Blob | undefined
    let w = width
    let h = height
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      w = Math.max(1, Math.round(width * scale))
      h = Math.max(1, Math.round(height * scale))
      out = await draw(bitmap, w, h, outType, quality)
      if (out.size <= limits.maxBytes) break
      if (LOSSY.has(outType) && quality > 0.6) {
        quality -= 0.15
      } else {
        // Bytes grow roughly with the pixel count: shrink both sides by the square root of the excess.
        scale *= Math.max(0.5, Math.sqrt(limits.maxBytes / out.size) * 0.95)
      }
    }
    if (!out || out.size > limits.maxBytes) {
      throw new Error(`it could not be made smaller than ${limits.maxBytes} bytes.`)
    }
    return { blob: out, type: outType, width: w, height: h, scaled: true }
  } finally {
    bitmap.close()
  }
}
