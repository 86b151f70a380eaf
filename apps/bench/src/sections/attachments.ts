import { startServer } from '@kindling/server'
import { chromium, type Page } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../../scripts/chromium.ts'
import { fixed, median, type SectionResult } from '../report.ts'
import { buildRenderPage } from './buildRenderPage.ts'
import { serveStatic } from './render.ts'

// Attachments in Chromium (render/attachments.tsx): a 12-megapixel JPEG dropped on the Chat's
// composer and sent to kindling-vision on @kindling/server (127.0.0.1): drop → request sent, and the
// bytes on the wire after downscaling; then what a thread of 10 such images costs in IndexedDB
// through the adapter (Blobs), against plain puts of data URL strings and of Blobs.

/** Options of the attachments section. */
export interface AttachmentsOptions {
  /** Sends of the photo; the median is reported (default 7). */
  runs?: number
}

interface SendSample {
  dropToPreviewMs: number
  dropToReadyMs: number
  dropToRequestMs: number
  requestBytes: number
  imageBytes: number
  width: number
  height: number
}

interface StoreResult {
  images: number
  imageBytes: number
  dataUrlChars: number
  adapterUsageBytes: number
  adapterFirstSaveMs: number
  adapterSaveMs: number[]
  adapterLoadMs: number
  stringUsageBytes: number
  stringSaveMs: number[]
  blobUsageBytes: number
  blobSaveMs: number[]
}

async function visit(page: Page, url: string): Promise<Record<string, unknown>> {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(url)
  await page.waitForFunction(() => document.body.dataset.done === 'true', undefined, { timeout: 120_000 })
  const result = (await page.evaluate(
    () => (window as unknown as { __attachments: Record<string, unknown> }).__attachments,
  )) as Record<string, unknown>
  if (result.error || errors.length > 0)
    throw new Error(`${String(result.error ?? '')} ${errors.join(' | ')}`)
  return result
}

const mb = (bytes: number) => fixed(bytes / 1_000_000, 2)

/** Runs the attachments section. */
export async function runAttachments(options: AttachmentsOptions = {}): Promise<SectionResult> {
  const runs = options.runs ?? 7
  const dir = await buildRenderPage('attachments')
  const pages = await serveStatic(dir)
  const server = await startServer({ port: 0, host: '127.0.0.1', cors: [pages.url], delayMs: 0 })
  const browser = await chromium.launch(chromiumLaunchOptions)
  let send: Record<string, unknown>
  let stored: StoreResult
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } })
    send = await visit(
      page,
      `${pages.url}/attachments.html?phase=send&runs=${runs}&server=${encodeURIComponent(server.url)}`,
    )
    stored = (await visit(page, `${pages.url}/attachments.html?phase=store`)).store as StoreResult
  } finally {
    await browser.close()
    await server.close()
    await pages.close()
  }
  const samples = send.samples as SendSample[]
  const photo = send.photo as { bytes: number; makeMs: number }
  const pick = (key: keyof SendSample) => median(samples.map((sample) => sample[key]))
  const toRequest = pick('dropToRequestMs')
  const wire = pick('requestBytes')
  const first = samples[0] as SendSample
  return {
    section: 'attachments',
    title: `Attachments in Chromium: a 4000×3000 JPEG (${mb(photo.bytes)} MB) dropped and sent (median of ${runs})`,
    columns: ['measure', 'value'],
    rows: [
      ['drop → preview shown (ms)', fixed(pick('dropToPreviewMs'), 1)],
      ['drop → image downscaled and encoded (ms)', fixed(pick('dropToReadyMs'), 1)],
      ['drop → chat request sent (ms)', fixed(toRequest, 1)],
      ['image sent (pixels, as kindling-vision read them)', `${first.width}×${first.height}`],
      ['image sent (MB, JPEG bytes)', mb(pick('imageBytes'))],
      ['request body on the wire (MB, base64 data URL in JSON)', mb(wire)],
      [
        `IndexedDB adapter (images as Blobs), thread of ${stored.images} photos: storage used (MB)`,
        mb(stored.adapterUsageBytes),
      ],
      ['IndexedDB adapter: first save, data URLs decoded (ms)', fixed(stored.adapterFirstSaveMs, 1)],
      ['IndexedDB adapter: each later save, as after an answer (ms)', fixed(median(stored.adapterSaveMs), 1)],
      ['IndexedDB adapter: load, images back as data URLs (ms)', fixed(stored.adapterLoadMs, 1)],
      ['plain put, images as data URL strings: storage used (MB)', mb(stored.stringUsageBytes)],
      ['plain put, images as data URL strings (ms)', fixed(median(stored.stringSaveMs), 1)],
      ['plain put, images as Blobs: storage used (MB)', mb(stored.blobUsageBytes)],
      ['plain put, images as Blobs (ms)', fixed(median(stored.blobSaveMs), 1)],
    ],
    targets: [
      {
        name: 'A 12-megapixel photo is sent within the default budget (≤ 2048 px, ≤ 1.5 MB)',
        measured: `${first.width}×${first.height}, ${mb(pick('imageBytes'))} MB`,
        met: Math.max(first.width, first.height) <= 2048 && pick('imageBytes') <= 1_500_000,
      },
    ],
    notes: [
      `The photo is made in the page (a gradient with per-pixel noise, so it compresses like a photo, ${mb(photo.bytes)} MB as JPEG 0.92). The drop is a real DragEvent with a DataTransfer on the composer; Send is pressed as soon as the preview shows, and sending waits for the downscale (createImageBitmap, OffscreenCanvas, convertToBlob). "Request sent" is when the chat request reaches fetch.`,
      `The store rows save one 20-message thread (10 user messages with a ${mb(stored.imageBytes)} MB 2048×1536 JPEG each) several times, as the thread store does after each answer; storage is navigator.storage.estimate() before and after (Chromium counts its files, so it is approximate). The adapter stores images as Blobs because of these figures: as strings each save serialises every image again (and base64 takes 4/3 of the bytes); the images are not repeated (one copy per message).`,
    ],
    data: { runs, photo, samples, store: stored },
  }
}
