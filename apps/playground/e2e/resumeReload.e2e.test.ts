import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumLaunchOptions } from '../../../scripts/chromium.ts'
import { servePlayground } from '../scripts/servePlayground.ts'

// Resume on reload, as a user gets it: the production bundle and the real server (resumable
// streams on, as `pnpm start` and `pnpm dev` run it) on one port, threads in Chromium's real IndexedDB.

const appRoot = fileURLToPath(new URL('..', import.meta.url))
const distDir = fileURLToPath(new URL('../dist-e2e/resume', import.meta.url))
const PROMPT = 'Write a long story about the sea'
// The prose model at 40 ms a chunk: several seconds per answer, time enough to reload mid-answer.
const DELAY_MS = 40

let browser: Browser
let app: { url: string; close: () => Promise<void> }
const serverLog: string[] = []

beforeAll(async () => {
  await build({ root: appRoot, logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } })
  app = await servePlayground({
    distDir,
    delayMs: DELAY_MS,
    resumable: true,
    log: (line) => serverLog.push(line),
  })
  browser = await chromium.launch(chromiumLaunchOptions)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await app?.close()
})

const answers = (page: Page) => page.locator('article.kindling-message[data-role="assistant"]')
const answerText = async (page: Page) =>
  (await answers(page).last().locator('.kindling-message__content').textContent()) ?? ''

/** A fresh page (its own storage) with the prose model picked and `PROMPT` sent. */
async function ask(problems: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } })
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(app.url)
  await page.getByRole('combobox', { name: /model/i }).selectOption('kindling-text')
  const input = page.getByRole('textbox', { name: 'Message' })
  await input.fill(PROMPT)
  await input.press('Enter')
  return page
}

/** The last stored message of every thread in the playground's IndexedDB. */
function storedAnswers(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ status: string; content: string; stream?: { id: string } }[]>((resolve, reject) => {
        const open = indexedDB.open('kindling-playground')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const all = open.result.transaction('trees').objectStore('trees').getAll()
          all.onsuccess = () => {
            open.result.close()
            resolve(all.result.map((tree) => tree.nodes.at(-1)?.message))
          }
        }
      }),
  )
}

/** Resumes from the first event, as a page that loaded a cut-off answer asks. */
const fromStart = () => serverLog.filter((line) => /^resume .* after 0$/.test(line)).length

const status = (page: Page) => answers(page).last().getAttribute('data-status')

describe('playground: reload mid-answer', () => {
  it('continues the answer after a reload and ends with the exact text of an uninterrupted one', async () => {
    const problems: string[] = []
    const reference = await ask(problems)
    await expect.poll(() => status(reference), { timeout: 30_000 }).toBe('done')
    const expected = await answerText(reference)
    expect(expected.length).toBeGreaterThan(100)

    const page = await ask(problems)
    await expect.poll(async () => (await answerText(page)).length, { timeout: 15_000 }).toBeGreaterThan(20)
    expect(await status(page)).toBe('streaming')
    const before = await answerText(page)
    expect(before.length).toBeLessThan(expected.length)
    const generations = serverLog.filter((line) => line.startsWith('POST /v1/chat/completions')).length

    // Saved as it started: the stream to resume from (and no text yet: never a write per token).
    const [stored] = await storedAnswers(page)
    expect(stored?.stream?.id).toBeTruthy()
    await page.reload()
    // The same answer goes on streaming (the page resumed the server's stream), then ends whole.
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe('streaming')
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('done')
    expect(await answers(page).count()).toBe(1)
    expect(await answerText(page)).toBe(expected)
    // Read again through the resume route, not asked again; the new page reads the stream once, from
    // its first event (the old page's client may still try a resume from where it was as it unloads).
    expect(serverLog.filter((line) => line.startsWith('POST /v1/chat/completions')).length).toBe(generations)
    expect(fromStart()).toBe(1)

    // And it stays whole across another reload (saved when it ended).
    await page.reload()
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe('done')
    expect(await answerText(page)).toBe(expected)
    expect(fromStart()).toBe(1)
    expect(problems).toEqual([])
  }, 90_000)
})
