import { mkdir, readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumLaunchOptions } from '../../../scripts/chromium.ts'
import { servePlayground } from '../scripts/servePlayground.ts'

// The whole app as a user gets it: the production bundle and the real server on one port, in Chromium.

const appRoot = fileURLToPath(new URL('..', import.meta.url))
const distDir = fileURLToPath(new URL('../dist-e2e', import.meta.url))
const artifactsDir = fileURLToPath(new URL('../artifacts', import.meta.url))
const FAKE_KEY = 'fw-e2e-secret-0123456789abcdef'
// A whole user session in a real browser: allow for a loaded machine (the projects do not inherit
// the root config's testTimeout).
const E2E_TIMEOUT = 60_000

let browser: Browser
let app: { url: string; close: () => Promise<void> }

beforeAll(async () => {
  // Build with a key in the environment: it must not end up in the bundle.
  process.env.FIREWORKS_API_KEY = FAKE_KEY
  try {
    await build({ root: appRoot, logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } })
  } finally {
    delete process.env.FIREWORKS_API_KEY
  }
  // The server holds the key too (proxy mode, upstream unreachable): the page must never see it.
  app = await servePlayground({
    distDir,
    delayMs: 15,
    upstream: { url: 'http://127.0.0.1:9/v1', apiKey: FAKE_KEY },
  })
  browser = await chromium.launch(chromiumLaunchOptions)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await app?.close()
})

/**
 * Collects what the page writes to its console as errors or warnings: any of them fails the test.
 * `expected` lists the few a test causes on purpose (e.g. Chromium's own line for a refused
 * connection to a server that is down by design).
 */
function watchConsole(page: Page, expected: RegExp[] = []): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return
    const where = message.location().url
    // The favicon 404 is fixed separately (issue 13, "No favicon request 404"); remove this line
    // once the playground ships its icon.
    if (where.endsWith('/favicon.ico')) return
    const line = `${message.type()}: ${message.text()} (${where})`
    if (!expected.some((pattern) => pattern.test(line))) problems.push(line)
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  return problems
}

const assistantMessages = (page: Page) => page.locator('article.kindling-message[data-role="assistant"]')

async function send(page: Page, text: string) {
  const input = page.getByRole('textbox', { name: 'Message' })
  await input.fill(text)
  await input.press('Enter')
}

describe('playground end to end', () => {
  it(
    'chats, stops, survives a reload, completes text, and never shows the key',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1100, height: 800 } })
      const seenByPage: string[] = []
      page.on('response', async (response) => {
        const type = response.headers()['content-type'] ?? ''
        if (/json|javascript|html|text/.test(type)) seenByPage.push(await response.text().catch(() => ''))
      })
      const consoleProblems = watchConsole(page)

      await page.goto(app.url)
      await page.evaluate(() => localStorage.clear())
      await page.reload()

      // Pick the echo model: its answer is the question, so the test knows the text.
      await page.getByRole('combobox', { name: /model/i }).selectOption('kindling-echo')
      await send(page, 'Hello from the e2e test')
      await expect
        .poll(() => assistantMessages(page).last().getAttribute('data-status'), { timeout: 15_000 })
        .toBe('done')
      expect((await assistantMessages(page).last().textContent()) ?? '').toContain('Hello from the e2e test')

      // A long answer from the prose model, stopped while it streams.
      await page.getByRole('combobox', { name: /model/i }).selectOption('kindling-text')
      await send(page, 'Write a long story')
      await expect
        .poll(() => assistantMessages(page).last().getAttribute('data-status'), { timeout: 15_000 })
        .toBe('streaming')
      await expect
        .poll(async () => ((await assistantMessages(page).last().textContent()) ?? '').length)
        .toBeGreaterThan(5)
      await page.getByRole('button', { name: 'Stop' }).click()
      await expect.poll(() => assistantMessages(page).last().getAttribute('data-status')).toBe('stopped')
      const stoppedText = (await assistantMessages(page).last().textContent()) ?? ''

      // Reload: the conversation is still there, the stopped answer included.
      await page.reload()
      await expect.poll(() => assistantMessages(page).count(), { timeout: 10_000 }).toBe(2)
      expect((await assistantMessages(page).first().textContent()) ?? '').toContain('Hello from the e2e test')
      expect(((await assistantMessages(page).last().textContent()) ?? '').slice(0, 20)).toBe(
        stoppedText.slice(0, 20),
      )

      // Export gives the conversation as JSON; a bad import says why and changes nothing.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export' }).click(),
      ])
      const exported = JSON.parse(await readFile((await download.path()) ?? '', 'utf8'))
      expect(exported.messages).toHaveLength(4)
      await page.getByLabel('Import a conversation file').setInputFiles({
        name: 'broken.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"kindling": "conversation", '),
      })
      await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/not JSON/)
      expect(await assistantMessages(page).count()).toBe(2)

      await mkdir(artifactsDir, { recursive: true })
      await page.screenshot({ path: `${artifactsDir}/playground-chat.png` })

      // Completion mode.
      await page.getByRole('tab', { name: 'Completion' }).click()
      await page.getByRole('textbox', { name: 'Prompt' }).fill('Once upon a time')
      await page.getByRole('button', { name: 'Complete' }).click()
      const output = page.locator('.kindling-completion__output')
      await expect
        .poll(async () => ((await output.textContent()) ?? '').trim().length, { timeout: 15_000 })
        .toBeGreaterThan(10)
      await page.screenshot({ path: `${artifactsDir}/playground-completion.png` })

      expect(consoleProblems).toEqual([])
      expect(seenByPage.length).toBeGreaterThan(3)
      expect(seenByPage.some((body) => body.includes(FAKE_KEY))).toBe(false)
      await page.close()
    },
    E2E_TIMEOUT,
  )

  it('builds a bundle that holds no API key', async () => {
    const files = await readdir(distDir, { recursive: true })
    const texts = await Promise.all(
      files
        .filter((file) => /\.(js|html|css|map|json)$/.test(file))
        .map((file) => readFile(`${distDir}/${file}`, 'utf8')),
    )
    expect(texts.length).toBeGreaterThan(0)
    expect(texts.some((text) => text.includes(FAKE_KEY))).toBe(false)
  })

  it('loads a stored conversation of hostile replies, shows it, and keeps working', {
    timeout: 60_000,
  }, async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } })
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    const repeat = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size)
    // What a prompt-injected model could have answered before the page was reloaded.
    const hostile = [
      `${'>'.repeat(6_000)} deep quote`,
      `${'- '.repeat(3_000)}deep list`,
      `${'1. '.repeat(2_000)}deep ordered`,
      repeat('a\n-\n', 24_000),
      repeat('*a', 24_000),
      `\`\`\`markdown\n${repeat('[a](', 8_000)}\n\`\`\``,
      `\`\`\`js\n${'`${'.repeat(2_000)}x${'}`'.repeat(2_000)}\n\`\`\``,
      '[https://bank.example/login](https://evil.example/login)',
    ]
    const saved = [
      ...hostile.flatMap((content, i) => [
        { id: `u${i}`, role: 'user', content: `question ${i}`, status: 'done' },
        { id: `a${i}`, role: 'assistant', content, status: 'done' },
      ]),
    ]
    await page.goto(app.url)
    await page.evaluate(
      (value) =>
        localStorage.setItem(
          'kindling-playground-conversation',
          JSON.stringify({ state: { saved: value }, version: 1 }),
        ),
      saved,
    )
    await page.reload()
    await expect
      .poll(() => page.locator('article.kindling-message').count(), { timeout: 15_000 })
      .toBe(saved.length)
    expect(await page.locator('.kindling-markdown__plain').count()).toBeGreaterThanOrEqual(5)
    expect(await page.locator('.kindling-markdown__link-host').first().textContent()).toBe(' (evil.example)')

    // Still an app: the stored conversation (moved into a thread in IndexedDB on load) takes a new
    // message, and after Clear it chats again. (A tampered role is the ui tests' case: the legacy
    // record is validated when it is moved, so it never reaches a thread.)
    await page.getByRole('combobox', { name: /model/i }).selectOption('kindling-echo')
    await send(page, 'Still alive?')
    await expect
      .poll(() => assistantMessages(page).last().getAttribute('data-status'), { timeout: 15_000 })
      .toBe('done')
    await page.getByRole('button', { name: 'Clear' }).click()
    await send(page, 'Still alive?')
    await expect
      .poll(() => assistantMessages(page).last().getAttribute('data-status'), { timeout: 15_000 })
      .toBe('done')
    expect((await assistantMessages(page).last().textContent()) ?? '').toContain('Still alive?')
    expect(pageErrors).toEqual([])
    await page.evaluate(() => localStorage.clear())
    await page.close()
  })

  it(
    'shows one clear message with one retry, not a blank page, when the server is unreachable',
    async () => {
      const page = await browser.newPage()
      // Chromium logs each refused (or, for port 9, blocked) request to the closed port itself: that is the point here.
      const consoleProblems = watchConsole(page, [
        /net::ERR_(CONNECTION_REFUSED|UNSAFE_PORT).*127\.0\.0\.1:9\//,
      ])
      await page.goto(app.url)
      await page.evaluate(() =>
        localStorage.setItem(
          'kindling-playground-settings',
          JSON.stringify({ state: { baseURL: 'http://127.0.0.1:9/v1' }, version: 1 }),
        ),
      )
      await page.reload()
      await expect
        .poll(() => page.getByRole('alert').first().textContent() ?? '', { timeout: 15_000 })
        .toMatch(/Can't reach the server/)
      expect(await page.getByRole('alert').count()).toBe(1)
      expect(await page.getByRole('button', { name: /retry|try again|regenerate/i }).count()).toBe(1)
      expect(consoleProblems).toEqual([])
      await page.close()
    },
    E2E_TIMEOUT,
  )
})
