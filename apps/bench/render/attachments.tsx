import { createClient } from '@kindling/client'
import {
  type ChatUIMessage,
  createIndexedDbAdapter,
  THREAD_RECORD_VERSION,
  type ThreadRecord,
  treeFromMessages,
} from '@kindling/react/core'
import { Chat } from '@kindling/ui'
import '@kindling/ui/styles.css'
import { createRoot } from 'react-dom/client'

// Attachments in Chromium. `?phase=send&server=…`: a 12-megapixel JPEG made in the page is dropped
// on the Chat's composer and sent to kindling-vision on the given server; each run records drop →
// preview ready and drop → request sent (the chat request leaving `fetch`), and the request's
// bytes. `?phase=store`: a thread holding 10 images saved to IndexedDB; storage used and save
// time, through the adapter (which stores Blobs) and as plain puts of strings and of Blobs. Results go
// to `window.__attachments`.

const params = new URLSearchParams(location.search)
const phase = params.get('phase') ?? 'send'
const runs = Number(params.get('runs') ?? 5)
const result: Record<string, unknown> = {}
const done = () => {
  ;(window as unknown as { __attachments: typeof result }).__attachments = result
  document.body.dataset.done = 'true'
}
const fail = (error: unknown) => {
  result.error = String(error instanceof Error ? (error.stack ?? error.message) : error)
  done()
}

/** A photo-like JPEG: a gradient with per-pixel noise (so it compresses like a photo, not a flat image). */
async function makePhoto(width: number, height: number): Promise<File> {
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D
  const gradient = context.createLinearGradient(0, 0, width, height)
  gradient.addColorStop(0, '#0ea5e9')
  gradient.addColorStop(0.5, '#84cc16')
  gradient.addColorStop(1, '#f97316')
  context.fillStyle = gradient
  context.fillRect(0, 0, width, height)
  const image = context.getImageData(0, 0, width, height)
  let seed = 7
  for (let i = 0; i < image.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    const noise = (seed >> 26) - 16
    image.data[i] = (image.data[i] ?? 0) + noise
    image.data[i + 1] = (image.data[i + 1] ?? 0) + noise
    image.data[i + 2] = (image.data[i + 2] ?? 0) + noise
  }
  context.putImageData(image, 0, 0)
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })
  return new File([blob], 'photo.jpg', { type: 'image/jpeg' })
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const start = performance.now()
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
}

interface SentRequest {
  at: number
  bytes: number
}
let lastRequest: SentRequest | undefined

async function send() {
  const server = params.get('server') ?? ''
  const client = createClient({
    baseURL: `${server}/v1`,
    apiKey: null,
    maxRetries: 0,
    fetch: (input, init) => {
      if (String(input).endsWith('/chat/completions') && typeof init?.body === 'string') {
        lastRequest = { at: performance.now(), bytes: new TextEncoder().encode(init.body).length }
      }
      return fetch(input, init)
    },
  })
  const root = document.getElementById('root') as HTMLElement
  const reactRoot = createRoot(root)
  // A new chat per run: one conversation would send every earlier photo again.
  const mount = (run: number) =>
    reactRoot.render(
      <Chat
        key={run}
        client={client}
        model="kindling-vision"
        showModelPicker={false}
        attachments={{ acceptsImages: true }}
      />,
    )
  const photoStart = performance.now()
  const photo = await makePhoto(4000, 3000)
  result.photo = { width: 4000, height: 3000, bytes: photo.size, makeMs: performance.now() - photoStart }
  const samples: Record<string, number>[] = []
  for (let run = 0; run < runs; run++) {
    mount(run)
    await until(() => root.querySelector('form') !== null, 'the composer')
    await frame()
    const form = root.querySelector('form') as HTMLFormElement
    const answersBefore = 0
    lastRequest = undefined
    const transfer = new DataTransfer()
    transfer.items.add(photo)
    const dropAt = performance.now()
    form.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    // As a user would: press Send as soon as the preview shows (sending waits for the downscale).
    await until(() => form.querySelector('.kindling-composer__attachment') !== null, 'the preview', 5000)
    const previewAt = performance.now()
    ;(form.querySelector('button[type="submit"]') as HTMLButtonElement).click()
    await until(
      () => form.querySelector('[data-status="ready"]') !== null || lastRequest !== undefined,
      'ready',
    )
    const readyAt = performance.now()
    await until(() => lastRequest !== undefined, 'the request')
    const request = lastRequest as unknown as SentRequest
    await until(
      () =>
        root.querySelectorAll('article[data-role="assistant"][data-status="done"]').length > answersBefore,
      'the answer',
    ).catch((error: Error) => {
      throw new Error(`${error.message}; page shows: ${root.textContent?.slice(-400)}`)
    })
    const answers = root.querySelectorAll('article[data-role="assistant"]')
    const answer = answers[answers.length - 1]?.textContent ?? ''
    const facts = /image\/jpeg, (\d+)x(\d+) pixels, (\d+) bytes/.exec(answer)
    if (!facts) throw new Error(`unexpected answer: ${answer}`)
    samples.push({
      dropToPreviewMs: previewAt - dropAt,
      dropToReadyMs: readyAt - dropAt,
      dropToRequestMs: request.at - dropAt,
      requestBytes: request.bytes,
      imageBytes: Number(facts[3]),
      width: Number(facts[1]),
      height: Number(facts[2]),
    })
    await frame()
  }
  result.samples = samples
}

const IMAGES = 10

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
}

async function usage(): Promise<number> {
  return (await navigator.storage.estimate()).usage ?? 0
}

function idbRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

async function store() {
  const photo = await makePhoto(2048, 1536)
  const dataUrl = await new Promise<string>((resolve) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as string)
    reader.readAsDataURL(photo)
  })
  const messages = (image: (index: number) => unknown): ChatUIMessage[] =>
    Array.from({ length: IMAGES * 2 }, (_, index) =>
      index % 2 === 0
        ? ({
            id: `u${index}`,
            role: 'user',
            content: `Photo ${index / 2}`,
            parts: [{ type: 'text', text: `Photo ${index / 2}` }, image(index)],
            attachments: [{ part: 1, name: `photo-${index / 2}.jpg`, type: 'image/jpeg', size: photo.size }],
            status: 'done',
          } as ChatUIMessage)
        : { id: `a${index}`, role: 'assistant', content: 'I see 1 image.', status: 'done' },
    )

  // 1. The adapter: it stores each image as a Blob. The first save decodes the data URLs; later
  // saves (the thread store rewrites the thread after each answer) reuse the stored Blobs.
  const adapterDb = 'kindling-bench-attachments-adapter'
  await deleteDatabase(adapterDb)
  const beforeAdapter = await usage()
  const adapter = createIndexedDbAdapter({ name: adapterDb })
  const record: ThreadRecord = {
    version: THREAD_RECORD_VERSION,
    id: 'photos',
    title: 'Photos',
    createdAt: 0,
    updatedAt: 0,
    archived: false,
    tree: treeFromMessages(messages(() => ({ type: 'image_url', image_url: { url: dataUrl } }))),
  }
  const saves: number[] = []
  for (let save = 0; save < 6; save++) {
    const start = performance.now()
    await adapter.save({ ...record, updatedAt: save })
    saves.push(performance.now() - start)
  }
  const loadStart = performance.now()
  const loaded = await adapter.load('photos')
  const loadMs = performance.now() - loadStart
  const roundTrip = loaded?.tree.nodes[0]?.message.parts?.[1]
  if (JSON.stringify(roundTrip) !== JSON.stringify({ type: 'image_url', image_url: { url: dataUrl } })) {
    throw new Error('the adapter did not give the image back as it was saved')
  }
  const afterAdapter = await usage()

  // 2. For comparison, plain puts of the same messages: images as data URL strings (what the
  // adapter wrote before), then as Blobs.
  const plainDb = 'kindling-bench-attachments-plain'
  await deleteDatabase(plainDb)
  const open = indexedDB.open(plainDb, 1)
  open.onupgradeneeded = () => open.result.createObjectStore('trees', { keyPath: 'id' })
  const db = await idbRequest(open)
  const put = async (value: object) => {
    const start = performance.now()
    const tx = db.transaction('trees', 'readwrite')
    tx.objectStore('trees').put(value)
    await new Promise((resolve) => {
      tx.oncomplete = resolve
    })
    return performance.now() - start
  }
  const beforeStrings = await usage()
  const stringTree = { id: 'strings', messages: record.tree.nodes.map((node) => node.message) }
  const stringSaves: number[] = []
  for (let save = 0; save < 5; save++) stringSaves.push(await put({ ...stringTree, updatedAt: save }))
  const afterStrings = await usage()
  const blobTree = {
    id: 'blobs',
    messages: messages(() => ({
      type: 'image_url',
      image_url: { url: new Blob([photo], { type: 'image/jpeg' }) },
    })),
  }
  const blobSaves: number[] = []
  for (let save = 0; save < 5; save++) blobSaves.push(await put({ ...blobTree, updatedAt: save }))
  const afterBlobs = await usage()
  db.close()
  result.store = {
    images: IMAGES,
    imageBytes: photo.size,
    dataUrlChars: dataUrl.length,
    adapterUsageBytes: afterAdapter - beforeAdapter,
    adapterFirstSaveMs: saves[0],
    adapterSaveMs: saves.slice(1),
    adapterLoadMs: loadMs,
    stringUsageBytes: afterStrings - beforeStrings,
    stringSaveMs: stringSaves,
    blobUsageBytes: afterBlobs - afterStrings,
    blobSaveMs: blobSaves,
  }
}

;(phase === 'store' ? store() : send()).then(done, fail)
