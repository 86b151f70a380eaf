import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../../scripts/chromium.ts'
import { buildRenderPage } from './src/sections/buildRenderPage.ts'
import { serveStatic } from './src/sections/render.ts'
const server = await serveStatic(await buildRenderPage('threads', { alsoPages: ['emptyReact'] }))
const browser = await chromium.launch(chromiumLaunchOptions)
const context = await browser.newContext({ viewport: { width: 1100, height: 800 } })
const page = await context.newPage()
const done = () => page.waitForFunction(() => document.body.dataset.done === 'true', undefined, { timeout: 60000 })
await page.goto(`${server.url}/threads.html?phase=seed`); await done()
for (let i = 0; i < 8; i++) {
  await page.goto(`${server.url}/threads.html?phase=list`); await done()
  await page.reload(); await done()
  const r = await page.evaluate(() => (window as any).__threads)
  console.log(['scriptStartMs', 'mounted', 'layout-effect', 'raf', 'sinceNavigationMs'].map((k) => `${k}=${Number(r[k]).toFixed(1)}`).join(' '))
}
await browser.close(); await server.close()
