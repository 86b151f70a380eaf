// Minimal valid image headers built in code, so the vision tests send real bytes of each format
// with whatever size they ask for (the server reads headers only; no pixels follow).

const u16be = (n: number) => [(n >> 8) & 0xff, n & 0xff]
const u16le = (n: number) => [n & 0xff, (n >> 8) & 0xff]
const u24le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff]
const u32be = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]
const u32le = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]
const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0))

/** A PNG signature and IHDR chunk (CRC left zero: the server does not check it). */
export function pngBytes(width: number, height: number): Uint8Array {
  return Uint8Array.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...u32be(13),
    ...ascii('IHDR'),
    ...u32be(width),
    ...u32be(height),
    8,
    6,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ])
}

/** A GIF89a header and logical screen descriptor. */
export function gifBytes(width: number, height: number): Uint8Array {
  return Uint8Array.from([...ascii('GIF89a'), ...u16le(width), ...u16le(height), 0, 0, 0, 0x3b])
}

/** SOI, a JFIF APP0 segment, a comment, then a baseline (SOF0) or progressive (SOF2) frame header. */
export function jpegBytes(width: number, height: number, progressive = false): Uint8Array {
  const app0 = [0xff, 0xe0, ...u16be(16), ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
  const comment = [0xff, 0xfe, ...u16be(6), ...ascii('kind')]
  const frame = [
    0xff,
    progressive ? 0xc2 : 0xc0,
    ...u16be(11),
    8,
    ...u16be(height),
    ...u16be(width),
    1,
    1,
    0x11,
    0,
  ]
  return Uint8Array.from([0xff, 0xd8, ...app0, ...comment, ...frame, 0xff, 0xd9])
}

/** The three WebP variants: lossy (VP8, ≤ 16383 px), lossless (VP8L, ≤ 16384) and extended (VP8X). */
export type WebpKind = 'lossy' | 'lossless' | 'extended'

/** A RIFF/WEBP container whose first chunk is of `kind`. */
export function webpBytes(width: number, height: number, kind: WebpKind = 'lossy'): Uint8Array {
  let chunk: number[]
  if (kind === 'lossy') {
    chunk = [
      ...ascii('VP8 '),
      ...u32le(10),
      0x10,
      0x02,
      0x00,
      0x9d,
      0x01,
      0x2a,
      ...u16le(width),
      ...u16le(height),
    ]
  } else if (kind === 'lossless') {
    const bits = ((width - 1) | ((height - 1) << 14)) >>> 0
    chunk = [...ascii('VP8L'), ...u32le(5), 0x2f, ...u32le(bits)]
  } else {
    chunk = [...ascii('VP8X'), ...u32le(10), 0, 0, 0, 0, ...u24le(width - 1), ...u24le(height - 1)]
  }
  const body = [...ascii('WEBP'), ...chunk]
  return Uint8Array.from([...ascii('RIFF'), ...u32le(body.length), ...body])
}

/** A base64 data URL of `bytes` declared as `mediaType`. */
export const dataUrl = (mediaType: string, bytes: Uint8Array) =>
  `data:${mediaType};base64,${Buffer.from(bytes).toString('base64')}`
