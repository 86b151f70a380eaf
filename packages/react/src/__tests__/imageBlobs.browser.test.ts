import { describe, expect, it } from 'vitest'
import type { ChatUIMessage } from '../core/chatMessage.ts'
import { treeFromMessages } from '../core/messageTree.ts'
import { createIndexedDbAdapter } from '../core/persistence/indexedDbAdapter.ts'
import { THREAD_RECORD_VERSION, type ThreadRecord } from '../core/persistence/threadRecord.ts'

// Real IndexedDB in Chromium: images of sent messages are stored as Blobs (not data URL strings),
// and come back as the same data URLs.

let databases = 0
const freshName = () => `kindling-test-blobs-${Date.now()}-${++databases}`

async function pngDataUrl(width: number, height: number): Promise<string> {
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D
  context.fillStyle = '#0ea5e9'
  context.fillRect(0, 0, width, height)
  const blob = await canvas.convertToBlob({ type: 'image/png' })
  return new Promise((resolve) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as string)
    reader.readAsDataURL(blob)
  })
}

const userWithImage = (id: string, url: string): ChatUIMessage => ({
  id,
  role: 'user',
  content: 'look',
  parts: [
    { type: 'text', text: 'look' },
    { type: 'image_url', image_url: { url, detail: 'low' } },
  ],
  attachments: [{ part: 1, name: `${id}.png`, type: 'image/png', size: 100 }],
  status: 'done',
})

const record = (messages: ChatUIMessage[]): ThreadRecord => ({
  version: THREAD_RECORD_VERSION,
  id: 'pictures',
  title: 'Pictures',
  createdAt: 1,
  updatedAt: 1,
  archived: false,
  tree: treeFromMessages(messages),
})

async function rawTree(name: string): Promise<{ nodes: { message: ChatUIMessage }[] }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  const tree = await new Promise<unknown>((resolve, reject) => {
    const request = db.transaction('trees', 'readonly').objectStore('trees').get('pictures')
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  db.close()
  return tree as { nodes: { message: ChatUIMessage }[] }
}

const imageUrlOf = (message: ChatUIMessage | undefined) =>
  (message?.parts?.[1] as { image_url: { url: unknown } } | undefined)?.image_url.url

describe('images in IndexedDB', () => {
  it('stores a data URL image as a Blob and loads it back as the same data URL', async () => {
    const name = freshName()
    const url = await pngDataUrl(30, 20)
    const adapter = createIndexedDbAdapter({ name })
    const answer: ChatUIMessage = { id: 'a1', role: 'assistant', content: 'I see 1 image.', status: 'done' }
    const written = await adapter.save(record([userWithImage('u1', url), answer]))
    expect(imageUrlOf(written.tree.nodes[0]?.message)).toBe(url)

    const stored = imageUrlOf((await rawTree(name)).nodes[0]?.message)
    expect(stored).toBeInstanceOf(Blob)
    expect((stored as Blob).type).toBe('image/png')
    const bytes = Uint8Array.from(atob(url.split(',')[1] as string), (c) => c.charCodeAt(0))
    expect(new Uint8Array(await (stored as Blob).arrayBuffer())).toEqual(bytes)

    const reloaded = await createIndexedDbAdapter({ name }).load('pictures')
    const message = reloaded?.tree.nodes[0]?.message
    expect(imageUrlOf(message)).toBe(url)
    expect(message?.parts?.[1]).toEqual({ type: 'image_url', image_url: { url, detail: 'low' } })
    expect(message?.attachments).toEqual([{ part: 1, name: 'u1.png', type: 'image/png', size: 100 }])
  })

  it('gives another tab the images it never had (merged from the store) as data URLs', async () => {
    const name = freshName()
    const first = await pngDataUrl(10, 10)
    const second = await pngDataUrl(12, 12)
    const tabA = createIndexedDbAdapter({ name })
    const tabB = createIndexedDbAdapter({ name })
    await tabA.save(record([userWithImage('u1', first)]))
    const written = await tabB.save(record([userWithImage('u2', second)]))
    const byId = new Map(written.tree.nodes.map((node) => [node.id, node.message]))
    expect(imageUrlOf(byId.get('u1'))).toBe(first)
    expect(imageUrlOf(byId.get('u2'))).toBe(second)
    // A later save keeps the stored Blobs of messages it already wrote.
    await tabA.save(record([userWithImage('u1', first)]))
    const raw = await rawTree(name)
    expect(raw.nodes.map((node) => imageUrlOf(node.message) instanceof Blob)).toEqual([true, true])
  })
})
