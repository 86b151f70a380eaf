import { cleanup, render } from '@testing-library/react'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { HOSTILE_RUNS } from '../__tests__/hostileConfig.ts'
import { Markdown } from './Markdown.tsx'
import { deceptiveLinkHost, stripBidiControls } from './rehypeLinkSafety.ts'

afterEach(cleanup)

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/)
const host = fc
  .tuple(label, fc.constantFrom('example', 'test', 'com', 'org', 'co.uk'))
  .map(([a, b]) => `${a}.${b}`)
const path = fc.constantFrom('', '/', '/login', '/a/b?c=d', '#top')
const bidi = fc.constantFrom(
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
)

function linkOf(markdown: string) {
  const { container } = render(<Markdown>{markdown}</Markdown>)
  const link = container.querySelector('a')
  if (!link) throw new Error(`no link in ${markdown}`)
  return link
}

describe('deceptive links', () => {
  it('shows the real host when the text names another one', () => {
    fc.assert(
      fc.property(
        host,
        host,
        path,
        fc.constantFrom('https://', 'http://', 'www.', ''),
        (shown, real, tail, scheme) => {
          fc.pre(shown !== real && !real.endsWith(`.${shown}`))
          const link = linkOf(`[${scheme}${shown}${tail}](https://${real}/login)`)
          expect(link.getAttribute('href')).toBe(`https://${real}/login`)
          expect(link.querySelector('.kindling-markdown__link-host')?.textContent).toBe(` (${real})`)
          cleanup()
        },
      ),
      { numRuns: HOSTILE_RUNS * 10 },
    )
  })

  it('adds nothing when the text tells the truth', () => {
    for (const markdown of [
      '[https://docs.example/a](https://docs.example/a)',
      '[docs.example](https://www.docs.example/)',
      '[example.com](https://docs.example.com/x)',
      '[the docs](https://docs.example/)',
      '<https://docs.example/a>',
      'Literal https://docs.example/a and www.docs.example too',
    ]) {
      const { container, unmount } = render(<Markdown>{markdown}</Markdown>)
      expect(container.querySelector('a')).not.toBeNull()
      expect(container.querySelector('.kindling-markdown__link-host'), markdown).toBeNull()
      unmount()
    }
  })

  it('strips bidirectional controls from link text and titles', () => {
    fc.assert(
      fc.property(fc.array(bidi, { minLength: 1, maxLength: 4 }), label, (controls, name) => {
        const text = `${name}${controls.join('')}fdp.exe`
        const link = linkOf(`[${text}](https://files.example/${name} "t${controls[0]}itle")`)
        // `…fdp.exe` looks like a host name itself, so the real host may follow: read the text alone.
        const suffix = link.querySelector('.kindling-markdown__link-host')?.textContent ?? ''
        expect(link.textContent).toBe(`${name}fdp.exe${suffix}`)
        expect(link.getAttribute('title')).toBe('title')
        expect(stripBidiControls(link.textContent ?? '')).toBe(link.textContent)
        cleanup()
      }),
      { numRuns: HOSTILE_RUNS * 10 },
    )
  })

  it('shows internationalised hosts in punycode, even where the text matches', () => {
    for (const [markdown, expected] of [
      ['[аpple.com](https://аpple.com/)', 'xn--pple-43d.com'],
      ['<https://аpple.com/login>', 'xn--pple-43d.com'],
      ['[login](https://bäñk.example/)', new URL('https://bäñk.example').host],
    ] as const) {
      expect(expected.startsWith('xn--')).toBe(true)
      const link = linkOf(markdown)
      expect(link.querySelector('.kindling-markdown__link-host')?.textContent, markdown).toBe(
        ` (${expected})`,
      )
      cleanup()
    }
  })

  it('leaves links that are not http(s) alone', () => {
    expect(deceptiveLinkHost('bank.example', 'mailto:a@evil.example')).toBeNull()
    expect(deceptiveLinkHost('bank.example', 'not a url')).toBeNull()
    expect(deceptiveLinkHost('https://bank.example', 'https://evil.example:8443/x')).toBe('evil.example:8443')
  })
})
