import { fileURLToPath } from 'node:url'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumLaunchOptions } from '../../../scripts/chromium.ts'
import { servePlayground } from '../scripts/servePlayground.ts'
import { OUTBOX_KEY, type OutboxEntry } from '../src/demoTools/outbox.ts'

// A tool call awaiting approval across a real page reload and a second tab: the production bundle
// and the real server on one port, the thread in Chromium's IndexedDB, `kindling-tools` calling the
// playground's `send_email` (the only tool on, so it is the one called). The tool records each run
// in its tab's outbox (sessionStorage, kept across a reload): that is the count of runs.

const appRoot = fileURLToPath(new URL('..', import.meta.url))
const distDir = fileURLToPath(new URL('../dist-e2e/tools', import.meta.url))
const PROMPT = 'Email Ana the notes from today.'
const APPROVED = 'send_email returned {"sent":false,"pretended":true'
const DENIED = 'send_email failed: Denied by the user.'

let browser: Browser
let app: { url: string; close: () => Promise<void> }
const serverLog: string[] = []

beforeAll(async () => {
  await build({ root: appRoot, logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } })
  // Resumable streams on, as `pnpm start` and `pnpm dev` run the server.
  app = await servePlayground({ distDir, delayMs: 5, resumable: true, log: (line) => serverLog.push(line) })
  browser = await chromium.launch(chromiumLaunchOptions)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await app?.close()
})

/** Requests for an answer the server got (the first answer, follow-ups). */
const generations = () => serverLog.filter((line) => line.startsWith('POST /v1/chat/completions')).length

/** A page of `context` whose console errors, warnings and uncaught errors land in `problems`. */
async function openPage(context: BrowserContext, problems: string[]): Promise<Page> {
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(app.url)
  return page
}

/** A fresh browser context with one page: `send_email` switched on in Settings, `kindling-tools` picked, `PROMPT` sent. */
async function askForEmail(problems: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } })
  const page = await openPage(context, problems)
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('checkbox', { name: /Send email/ }).check()
  await settings.getByRole('button', { name: 'Save' }).click()
  await page.getByRole('combobox', { name: /model/i }).selectOption('kindling-tools')
  const input = page.getByRole('textbox', { name: 'Message' })
  await input.fill(PROMPT)
  await input.press('Enter')
  return { context, page }
}

const emailCall = (page: Page) => page.getByRole('group', { name: /^Tool send_email: / })
const callStatus = (page: Page) => emailCall(page).getAttribute('data-status')
const lastAnswer = (page: Page) => page.locator('article.kindling-message[data-role="assistant"]').last()
const lastAnswerText = async (page: Page) => (await lastAnswer(page).textContent()) ?? ''

/** The runs of `send_email` recorded in the page's tab. */
const outbox = (page: Page) =>
  page.evaluate((key) => JSON.parse(sessionStorage.getItem(key) ?? '[]') as OutboxEntry[], OUTBOX_KEY)

/** The id of the stored thread's `send_email` call (read from IndexedDB, as the page saved it). */
function storedCallId(page: Page) {
  return page.evaluate(
    () =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('kindling-playground')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const all = open.result.transaction('trees').objectStore('trees').getAll()
          all.onsuccess = () => {
            open.result.close()
            type Stored = { message: { tool_calls?: { id: string; function: { name: string } }[] } }
            const calls = (all.result as { nodes: Stored[] }[]).flatMap((tree) =>
              tree.nodes.flatMap((node) => node.message.tool_calls ?? []),
            )
            resolve(calls.find((call) => call.function.name === 'send_email')?.id)
          }
        }
      }),
  )
}

/** Waits for the call to wait for approval, with its Approve and Deny buttons. */
async function expectAwaitingApproval(page: Page) {
  await expect.poll(() => callStatus(page), { timeout: 15_000 }).toBe('awaiting-approval')
  await expect.poll(() => emailCall(page).getByRole('button', { name: 'Approve' }).isEnabled()).toBe(true)
  await expect.poll(() => emailCall(page).getByRole('button', { name: 'Deny' }).isEnabled()).toBe(true)
}

/** Waits for the call to end as `status` and for the follow-up answer to end containing `text`. */
async function expectFollowUp(page: Page, status: string, text: string) {
  await expect.poll(() => callStatus(page), { timeout: 15_000 }).toBe(status)
  await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 15_000 }).toBe('done')
  await expect.poll(() => lastAnswerText(page)).toContain(text)
}

/**
 * Both tabs show the approved call done and the follow-up answer; the tool ran once across them
 * (counted through each tab's outbox) and the model was asked once more.
 */
async function expectRanOnceInBoth(first: Page, second: Page, asked: number) {
  for (const page of [first, second]) await expectFollowUp(page, 'done', APPROVED)
  const runs = [...(await outbox(first)), ...(await outbox(second))]
  expect(runs.map((entry) => entry.toolCallId)).toEqual([await storedCallId(first)])
  expect(generations()).toBe(asked + 1)
}

describe('playground: a tool call awaiting approval', () => {
  it('survives a real reload; Approve then runs it once and the answer uses its result', async () => {
    const problems: string[] = []
    const { context, page } = await askForEmail(problems)
    await expectAwaitingApproval(page)
    const asked = generations()
    // Reloaded as soon as the buttons show: the waiting state was saved as it started.
    await page.reload()
    await expectAwaitingApproval(page)
    const callId = await storedCallId(page)
    expect(callId).toBeTruthy()
    // Nothing ran and nothing was asked again while the page reloaded.
    expect(await outbox(page)).toEqual([])
    expect(generations()).toBe(asked)

    await emailCall(page).getByRole('button', { name: 'Approve' }).click()
    await expectFollowUp(page, 'done', APPROVED)
    expect((await outbox(page)).map((entry) => entry.toolCallId)).toEqual([callId])
    // One follow-up request, with the result.
    expect(generations()).toBe(asked + 1)

    // Ended for good: another reload shows it done and runs nothing again.
    await page.reload()
    await expect.poll(() => callStatus(page), { timeout: 15_000 }).toBe('done')
    await expect.poll(() => lastAnswerText(page)).toContain(APPROVED)
    expect(await outbox(page)).toHaveLength(1)
    expect(generations()).toBe(asked + 1)
    expect(problems).toEqual([])
    await context.close()
  }, 90_000)

  it('two tabs on the thread: approved in one, it runs once in all and both show the answer', async () => {
    const problems: string[] = []
    const { context, page: first } = await askForEmail(problems)
    await expectAwaitingApproval(first)
    // The second tab opens the newest thread: this one, waiting.
    const second = await openPage(context, problems)
    await expectAwaitingApproval(second)
    const asked = generations()

    // Approved in the tab that did not ask: the call runs where it is owned, once.
    await emailCall(second).getByRole('button', { name: 'Approve' }).click()
    await expectRanOnceInBoth(first, second, asked)
    expect(problems).toEqual([])
    await context.close()
  }, 90_000)

  it('two tabs after a reload: approved in one, it runs once in all and both show the answer', async () => {
    const problems: string[] = []
    const { context, page: first } = await askForEmail(problems)
    await expectAwaitingApproval(first)
    const second = await openPage(context, problems)
    await expectAwaitingApproval(second)
    // The tab that asked reloads: no tab runs the call now; both show it from the stored thread.
    await first.reload()
    await expectAwaitingApproval(first)
    const asked = generations()

    await emailCall(first).getByRole('button', { name: 'Approve' }).click()
    await expectRanOnceInBoth(first, second, asked)
    expect(problems).toEqual([])
    await context.close()
  }, 90_000)

  it('two tabs after a reload, both approving at once: it still runs once', async () => {
    const problems: string[] = []
    const { context, page: first } = await askForEmail(problems)
    await expectAwaitingApproval(first)
    await first.reload()
    await expectAwaitingApproval(first)
    const second = await openPage(context, problems)
    await expectAwaitingApproval(second)
    const asked = generations()

    // Both buttons found first, then clicked in the same moment (a user click waits for the button to
    // be stable, and the first approval may end the other tab's wait before it). One tab takes the
    // call's lock and runs it; the other's approval goes to it and changes nothing.
    const buttons = await Promise.all(
      [first, second].map((page) => emailCall(page).getByRole('button', { name: 'Approve' }).elementHandle()),
    )
    await Promise.all(
      buttons.map((button) => button?.evaluate((element) => (element as HTMLElement).click())),
    )
    await expectRanOnceInBoth(first, second, asked)
    expect(problems).toEqual([])
    await context.close()
  }, 90_000)

  it('Deny after a reload sends the denial, runs nothing, and the answer says so', async () => {
    const problems: string[] = []
    const { context, page } = await askForEmail(problems)
    await expectAwaitingApproval(page)
    const asked = generations()
    await page.reload()
    await expectAwaitingApproval(page)

    await emailCall(page).getByRole('button', { name: 'Deny' }).click()
    await expectFollowUp(page, 'denied', DENIED)
    expect(await lastAnswerText(page)).not.toContain('send_email returned')
    expect(await outbox(page)).toEqual([])
    expect(generations()).toBe(asked + 1)
    expect(problems).toEqual([])
    await context.close()
  }, 90_000)
})
