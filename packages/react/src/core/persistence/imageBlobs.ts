import type { ContentPart } from '@kindling/client'
import type { ChatUIMessage } from '../chatMessage.ts'
import type { MessageNode } from '../messageTree.ts'
import type { ThreadRecord } from './threadRecord.ts'

// Images of sent messages are kept in IndexedDB as Blobs, not as their data URL strings: measured
// in Chromium (`pnpm bench attachments`), a thread of 10 photos of 1.2 MB took ~280 ms to put as
// strings and ~7 ms as Blobs (the thread is rewritten after every answer), and 1.33× the space.
// In the stored tree an image part's `image_url.url` is then a Blob; the engine only ever sees
// data URLs (they are what is sent).

const DATA_URL = /^data:([^;,]*);base64,/

type StoredPart = ContentPart | { type: 'image_url'; image_url: { url: Blob; detail?: string | undefined } }

const hasBlob = (parts: readonly StoredPart[]) =>
  parts.some((part) => part.type === 'image_url' && part.image_url.url instanceof Blob)

function dataUrlToBlob(url: string): Blob | undefined {
  const match = DATA_URL.exec(url)
  if (!match) return undefined
  try {
    const binary = atob(url.slice(match[0].length))
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return new Blob([bytes], { type: match[1] ?? '' })
  } catch {
    return undefined
  }
}

function partsWithBlobs(parts: readonly ContentPart[]): StoredPart[] {
  return parts.map((part) => {
    if (part.type !== 'image_url' || typeof part.image_url.url !== 'string') return part
    const blob = dataUrlToBlob(part.image_url.url)
    return blob ? { ...part, image_url: { ...part.image_url, url: blob } } : part
  })
}

function mapMessages(record: ThreadRecord, map: (message: ChatUIMessage) => ChatUIMessage): ThreadRecord {
  let changed = false
  const nodes = record.tree.nodes.map((node): MessageNode => {
    const message = map(node.message)
    if (message === node.message) return node
    changed = true
    return { ...node, message }
  })
  return changed ? { ...record, tree: { ...record.tree, nodes } } : record
}

/**
 * `record` as IndexedDB keeps it: data URL images as Blobs. Synchronous (it runs inside the save's
 * transaction); a message already stored with Blobs reuses them, so each image is decoded once.
 */
export function withImageBlobs(record: ThreadRecord, stored: ThreadRecord | undefined): ThreadRecord {
  const storedParts = new Map<string, readonly StoredPart[]>()
  for (const node of stored?.tree.nodes ?? []) {
    const parts = node.message.parts as readonly StoredPart[] | undefined
    if (parts && hasBlob(parts)) storedParts.set(node.id, parts)
  }
  return mapMessages(record, (message) => {
    const parts = message.parts
    if (!parts?.some((part) => part.type === 'image_url')) return message
    const kept = storedParts.get(message.id)
    const next = kept ?? partsWithBlobs(parts)
    return { ...message, parts: next as readonly ContentPart[] }
  })
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as string)
    reader.onerror = () => reject(reader.error ?? new Error('A stored image could not be read.'))
    reader.readAsDataURL(blob)
  })
}

/** `record` as the engine holds it: every stored Blob image back as its data URL. */
export async function withDataUrls(record: ThreadRecord): Promise<ThreadRecord> {
  const urls = new Map<Blob, Promise<string>>()
  for (const node of record.tree.nodes) {
    for (const part of (node.message.parts ?? []) as readonly StoredPart[]) {
      if (part.type === 'image_url' && part.image_url.url instanceof Blob && !urls.has(part.image_url.url)) {
        urls.set(part.image_url.url, blobToDataUrl(part.image_url.url))
      }
    }
  }
  if (urls.size === 0) return record
  const resolved = new Map<Blob, string>()
  await Promise.all([...urls].map(async ([blob, url]) => resolved.set(blob, await url)))
  return mapMessages(record, (message) => {
    const parts = message.parts as readonly StoredPart[] | undefined
    if (!parts || !hasBlob(parts)) return message
    const next = parts.map((part) =>
      part.type === 'image_url' && part.image_url.url instanceof Blob
        ? { ...part, image_url: { ...part.image_url, url: resolved.get(part.image_url.url) as string } }
        : part,
    )
    return { ...message, parts: next as readonly ContentPart[] }
  })
}
