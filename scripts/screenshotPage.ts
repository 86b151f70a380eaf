// Shared by the screenshot tests of the browser project: fixed viewports and themes, a page with
// nothing that moves (no animations, transitions or carets), and a wait until it has settled.
import { cdp, page } from 'vitest/browser'

/** The two viewports every screen is captured at. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 390, height: 844 },
} as const

/** The two themes every screen is captured in. */
export const THEMES = ['light', 'dark'] as const

/** One combination of viewport and theme. */
export interface ScreenVariant {
  viewport: keyof typeof VIEWPORTS
  theme: (typeof THEMES)[number]
}

/** Every viewport × theme. */
export const VARIANTS: ScreenVariant[] = Object.keys(VIEWPORTS).flatMap((viewport) =>
  THEMES.map((theme) => ({ viewport: viewport as ScreenVariant['viewport'], theme })),
)

const FREEZE = `
*, *::before, *::after, ::backdrop {
  animation: none !important;
  transition: none !important;
  caret-color: transparent !important;
}
html, body { margin: 0; background: var(--kindling-bg); color: var(--kindling-fg); }
`

/** Sets the viewport and theme, and stops everything that animates. */
export async function prepareScreen({ viewport, theme }: ScreenVariant): Promise<void> {
  let style = document.getElementById('kindling-screenshot-freeze')
  if (!style) {
    style = document.createElement('style')
    style.id = 'kindling-screenshot-freeze'
    style.textContent = FREEZE
    document.head.append(style)
  }
  document.documentElement.setAttribute('data-kindling-theme', theme)
  await page.viewport(VIEWPORTS[viewport].width, VIEWPORTS[viewport].height)
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))

/** Resolves once the page's DOM has not changed for `quietMs`; rejects after `timeout` ms. */
function domQuiet(quietMs: number, timeout: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let timer = setTimeout(done, quietMs)
    const observer = new MutationObserver(() => {
      clearTimeout(timer)
      timer = setTimeout(done, quietMs)
    })
    const limit = setTimeout(() => {
      observer.disconnect()
      clearTimeout(timer)
      reject(new Error('The screen never settled: it kept changing.'))
    }, timeout)
    function done() {
      observer.disconnect()
      clearTimeout(limit)
      resolve()
    }
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
  })
}

/**
 * Waits until the page has settled: fonts loaded; nothing busy (`aria-busy`, a streaming message,
 * a story's simulated stream not done, "Loading…") for a few frames, or `busyMs` passed (a story
 * that shows a busy state on purpose stays busy); then no DOM change for 250 ms. Throws when the
 * page keeps changing for `timeout` ms.
 */
export async function settle({ busyMs = 4000, timeout = 10_000 } = {}): Promise<void> {
  // The mouse stays wherever the last test left it: move it off the page, so no element shows a
  // hover state (a tooltip, a highlighted button) by chance.
  await cdp().send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: 1399, y: 999 })
  await document.fonts.ready
  const deadline = performance.now() + busyMs
  let quiet = 0
  while (quiet < 3 && performance.now() < deadline) {
    const busy =
      document.querySelector('[aria-busy="true"], [data-status="streaming"], [data-done="false"]') !== null ||
      /Loading…|Connecting to /.test(document.body.textContent ?? '')
    quiet = busy ? 0 : quiet + 1
    await frame()
  }
  await domQuiet(250, timeout)
}

/** The name of a screenshot's file: `name--viewport-theme`. */
export const screenshotName = (name: string, { viewport, theme }: ScreenVariant) =>
  `${name}--${viewport}-${theme}`
