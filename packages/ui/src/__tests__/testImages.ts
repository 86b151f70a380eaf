// Real images made in the page, for attachment tests: a gradient (compresses well, so a downscale
// keeps its exact target size) or noise (compresses badly, so the byte budget has to bite).

/** An image file of `width`×`height` pixels, encoded by Chromium in `type`. */
export async function makeImageFile(
  name: string,
  width: number,
  height: number,
  type: 'image/png' | 'image/jpeg' | 'image/webp',
  fill: 'gradient' | 'noise' = 'gradient',
): Promise<File> {
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D
  if (fill === 'gradient') {
    const gradient = context.createLinearGradient(0, 0, width, height)
    gradient.addColorStop(0, '#f97316')
    gradient.addColorStop(1, '#2563eb')
    context.fillStyle = gradient
    context.fillRect(0, 0, width, height)
  } else {
    const pixels = context.createImageData(width, height)
    let seed = 12345
    for (let i = 0; i < pixels.data.length; i++) {
      // A small LCG: the same noise every run.
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      pixels.data[i] = i % 4 === 3 ? 255 : seed >> 23
    }
    context.putImageData(pixels, 0, 0)
  }
  const blob = await canvas.convertToBlob({ type, quality: 0.92 })
  return new File([blob], name, { type })
}

/** A text file. */
export const textFile = (name: string, text: string, type = 'text/plain') => new File([text], name, { type })
