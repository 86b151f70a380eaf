import { cleanup, render, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Markdown } from './Markdown.tsx'

declare global {
  interface Window {
    __kindlingXss?: string
  }
}

const FLAG = 'window.__kindlingXss=location.href'
// Base64 of `<script>window.__kindlingXss=1</script>` and of an SVG with an onload handler.
const HTML_B64 = btoa('<script>window.__kindlingXss=1</script>')
const SVG_B64 = btoa('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__kindlingXss=1"/>')

/** Payloads a model (or a prompt injection through it) might emit. */
const corpus: string[] = [
  `<script>${FLAG}</script>`,
  `Text <script>${FLAG}</script> inline`,
  `<img src=x onerror="${FLAG}">`,
  `<img src="x" onerror=${FLAG}>`,
  `<svg onload="${FLAG}"><script>${FLAG}</script></svg>`,
  `<svg><a xlink:href="javascript:${FLAG}"><text x="0" y="15">click</text></a></svg>`,
  `<svg><animate onbegin="${FLAG}" attributeName="x" dur="1s"/></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${FLAG}">`,
  `<iframe src="javascript:${FLAG}"></iframe>`,
  `<iframe srcdoc="<script>${FLAG}</script>"></iframe>`,
  `<object data="javascript:${FLAG}"></object>`,
  `<embed src="javascript:${FLAG}">`,
  `<details open ontoggle="${FLAG}"><summary>x</summary></details>`,
  `<input autofocus onfocus="${FLAG}">`,
  `<body onload="${FLAG}">`,
  `<a href="javascript:${FLAG}">html link</a>`,
  `<form action="javascript:${FLAG}"><button>go</button></form>`,
  `<style>@import 'javascript:${FLAG}';</style>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${FLAG}">`,
  `<base href="javascript:${FLAG}//">`,
  `[md link](javascript:${FLAG})`,
  `[md link](JaVaScRiPt:${FLAG})`,
  `[md link](javascript&colon;${FLAG})`,
  `[md link](&#106;avascript:${FLAG})`,
  `[md link](&#x6A;avascript:${FLAG})`,
  `[md link](<javascript:${FLAG}>)`,
  `[md link]( javascript:${FLAG} )`,
  `[md link](java%0ascript:${FLAG})`,
  `[md link](vbscript:msgbox(1))`,
  `[md link](data:text/html;base64,${HTML_B64})`,
  `[md link](data:text/html,<script>${FLAG}</script>)`,
  `<javascript:${FLAG}>`,
  `<data:text/html;base64,${HTML_B64}>`,
  `[ref link][evil]\n\n[evil]: javascript:${FLAG}`,
  `[title link](https://example.com "a\\" onmouseover=\\"${FLAG}")`,
  `![img](javascript:${FLAG})`,
  `![img](data:image/svg+xml;base64,${SVG_B64})`,
  `![img](x" onerror="${FLAG})`,
  `![img](https://invalid.invalid/x.png "t" onerror="${FLAG}")`,
  `[![img](x)](javascript:${FLAG})`,
  '```html\n<script>window.__kindlingXss=1</script>\n<img src=x onerror="window.__kindlingXss=1">\n```',
  '```js\nalert(1) // </code></pre><script>window.__kindlingXss=1</script>\n```',
  `\`<img src=x onerror="${FLAG}">\``,
  `&lt;script&gt;${FLAG}&lt;/script&gt;`,
  `| a |\n|---|\n| <img src=x onerror="${FLAG}"> |`,
  `- [ ] <script>${FLAG}</script>`,
  `> <iframe src="data:text/html;base64,${HTML_B64}"></iframe>`,
  `Unclosed <script>${FLAG}`,
  `Streaming \`\`\`html\n<script>${FLAG}</script>`,
]

// GFM task lists render disabled checkboxes; any other input would be injected.
const FORBIDDEN_ELEMENTS =
  'script, iframe, object, embed, svg, math, style, link, meta, base, form, frame, frameset, textarea, select, input:not([type="checkbox"][disabled])'
const SAFE_URL = /^(https?:|mailto:|#|\/|\.|[^:]*$)/i

function assertInert(container: HTMLElement) {
  expect(container.querySelectorAll(FORBIDDEN_ELEMENTS)).toHaveLength(0)
  for (const element of container.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      expect(attribute.name.toLowerCase().startsWith('on'), `${element.tagName} has ${attribute.name}`).toBe(
        false,
      )
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(attribute.name)) {
        expect(attribute.value, `${element.tagName} ${attribute.name}`).toMatch(SAFE_URL)
      }
    }
  }
}

/** Waits until every image in `container` has loaded or failed (so an onerror would have run). */
async function settle(container?: HTMLElement) {
  const pending = [...(container?.querySelectorAll('img') ?? [])]
    .filter((image) => !image.complete)
    .map(
      (image) =>
        new Promise((resolve) => {
          image.addEventListener('load', resolve, { once: true })
          image.addEventListener('error', resolve, { once: true })
        }),
    )
  await Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, 5_000))])
  await new Promise((resolve) => setTimeout(resolve, 50))
}

describe('Markdown XSS corpus in real Chromium', () => {
  beforeEach(() => {
    delete window.__kindlingXss
    window.alert = () => {
      window.__kindlingXss = 'alert'
    }
  })
  afterEach(cleanup)

  it('(control) the harness notices a payload that does execute', async () => {
    // biome-ignore lint/security/noDangerouslySetInnerHtml: the unsafe baseline the corpus is measured against
    render(<div dangerouslySetInnerHTML={{ __html: `<img src=x onerror="${FLAG}">` }} />)
    await waitFor(() => expect(window.__kindlingXss).toBeDefined(), { timeout: 10_000 })
  })

  it('makes no request to a foreign origin and no navigation while rendering the corpus without images', async () => {
    // Another origin that really answers (the same server under its other name), so a request that
    // slips through shows up in resource timing instead of failing silently.
    const { hostname, port, protocol } = window.location
    const foreignOrigin = `${protocol}//${hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${port}`
    const reachable = [
      `![pixel](${foreignOrigin}/favicon.ico)`,
      `![ref][p]\n\n[p]: ${foreignOrigin}/favicon.ico?ref`,
      `<img src="${foreignOrigin}/favicon.ico?html">`,
      `<link rel="stylesheet" href="${foreignOrigin}/x.css">`,
    ]
    const before = performance.getEntriesByType('resource').length
    const href = window.location.href
    for (const streaming of [false, true]) {
      for (const payload of [...corpus, ...reachable]) {
        const { container, unmount } = render(<Markdown streaming={streaming}>{payload}</Markdown>)
        await settle(container)
        unmount()
      }
    }
    const foreign = performance
      .getEntriesByType('resource')
      .slice(before)
      .map((entry) => entry.name)
      .filter((url) => new URL(url).origin !== window.location.origin)
    expect(foreign).toEqual([])
    expect(window.location.href).toBe(href)
  })

  for (const streaming of [false, true]) {
    for (const allowImages of [false, true]) {
      it(`renders every payload inert (streaming: ${streaming}, allowImages: ${allowImages})`, async () => {
        for (const payload of corpus) {
          const { container, unmount } = render(
            <Markdown streaming={streaming} allowImages={allowImages}>
              {payload}
            </Markdown>,
          )
          await settle(container)
          assertInert(container)
          // Click every link and button the payload produced: nothing may run.
          for (const link of container.querySelectorAll<HTMLAnchorElement>('a')) {
            link.addEventListener('click', (event) => event.preventDefault())
            link.click()
          }
          expect(window.__kindlingXss, payload).toBeUndefined()
          unmount()
        }
      })
    }
  }

  it('shows raw HTML as the literal text the model wrote', () => {
    const { container } = render(<Markdown>{'Use <T> and <script>x()</script> here'}</Markdown>)
    expect(container.textContent).toContain('Use <T> and <script>x()</script> here')
    expect(container.querySelector('script')).toBeNull()
  })

  it('keeps the words of a neutralised link but drops the link', () => {
    const { container } = render(<Markdown>{'[click me](javascript:alert(1))'}</Markdown>)
    expect(container.querySelector('a')).toBeNull()
    expect(container.textContent).toContain('click me')
  })

  it('keeps safe links, opening them in a new tab without an opener', () => {
    const { container } = render(
      <Markdown>{'[docs](https://example.com/a?b=c) and <mailto:a@example.com>'}</Markdown>,
    )
    const links = container.querySelectorAll('a')
    expect([...links].map((link) => link.getAttribute('href'))).toEqual([
      'https://example.com/a?b=c',
      'mailto:a@example.com',
    ])
    expect(links[0]?.getAttribute('rel')).toContain('noopener')
    expect(links[0]?.getAttribute('target')).toBe('_blank')
  })

  it('shows images only when allowed, and then only from safe URLs', () => {
    const text = '![a cat](https://example.com/cat.png) ![evil](data:image/png;base64,AAAA)'
    const off = render(<Markdown>{text}</Markdown>)
    expect(off.container.querySelector('img')).toBeNull()
    expect(off.container.textContent).toContain('[image: a cat]')
    off.unmount()
    const on = render(<Markdown allowImages>{text}</Markdown>)
    const images = on.container.querySelectorAll('img')
    expect(images).toHaveLength(1)
    expect(images[0]?.getAttribute('src')).toBe('https://example.com/cat.png')
    expect(images[0]?.getAttribute('referrerpolicy')).toBe('no-referrer')
  })
})

describe('Markdown while streaming', () => {
  afterEach(cleanup)

  it('renders an unclosed code fence as a code block holding what arrived', () => {
    const { container } = render(<Markdown streaming>{'Here:\n\n```python\nprint("hi")\nfor x in'}</Markdown>)
    const code = container.querySelector('pre code')
    expect(code?.textContent).toBe('print("hi")\nfor x in')
  })

  it('does not flash a heading while a list or rule line is half typed', () => {
    const { container, rerender } = render(<Markdown streaming>{'Steps\n-'}</Markdown>)
    expect(container.querySelector('h2')).toBeNull()
    rerender(<Markdown streaming>{'Steps\n- one'}</Markdown>)
    expect(container.querySelector('li')?.textContent).toBe('one')
  })

  it('never shrinks while a typical reply streams in token by token', async () => {
    const reply =
      '## Plan\n\nWe will:\n\n1. read the **input**\n2. parse it\n   - with `JSON.parse`\n\n```ts\nconst data = JSON.parse(text)\nconsole.log(data)\n```\n\n> Note: errors throw.\n\n| step | cost |\n|---|---|\n| read | 1 |\n\nDone.'
    const { container, rerender } = render(
      <div style={{ width: 400 }}>
        <Markdown streaming>{''}</Markdown>
      </div>,
    )
    let previous = 0
    const shrinks: string[] = []
    for (let end = 1; end <= reply.length; end += 3) {
      const text = reply.slice(0, end)
      rerender(
        <div style={{ width: 400 }}>
          <Markdown streaming>{text}</Markdown>
        </div>,
      )
      const height = container.getBoundingClientRect().height
      if (height < previous - 1) shrinks.push(`${JSON.stringify(text.slice(-12))}: ${previous} → ${height}`)
      previous = height
    }
    expect(shrinks).toEqual([])
  })

  it('re-renders only the last block when a token arrives', () => {
    const { container, rerender } = render(<Markdown streaming>{'First paragraph.\n\nSecond'}</Markdown>)
    const first = container.querySelector('p')
    rerender(<Markdown streaming>{'First paragraph.\n\nSecond para'}</Markdown>)
    expect(container.querySelector('p')).toBe(first)
    expect(container.querySelectorAll('p')[1]?.textContent).toBe('Second para')
  })
})

describe('CodeBlock highlighting', () => {
  afterEach(cleanup)

  it('loads the highlighter on first use and colours known languages', async () => {
    const { container } = render(<Markdown>{'```python\ndef f():\n    return "x"\n```'}</Markdown>)
    await waitFor(() => expect(container.querySelector('.hljs-keyword')?.textContent).toBe('def'), {
      timeout: 10_000,
    })
    expect(container.querySelector('code')?.textContent).toBe('def f():\n    return "x"')
  })

  it('leaves unknown languages and plain fences as text', async () => {
    const { container } = render(<Markdown>{'```brainfuck\n+++.\n```\n\n```\nplain\n```'}</Markdown>)
    await settle()
    expect(container.querySelector('[class^="hljs"]')).toBeNull()
    expect([...container.querySelectorAll('code')].map((code) => code.textContent)).toEqual(['+++.', 'plain'])
  })
})
