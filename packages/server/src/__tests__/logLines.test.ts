import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { escapeControls } from '../escapeControls.ts'
import { serve } from './helpers.ts'
import { HOSTILE_RUNS, HOSTILE_TIMEOUT, rawRequest } from './hostile.ts'

// Request data reaches the log (paths, percent-decoded), so a path with CR/LF could forge a line and
// one with bidi controls could make a line read differently (issue 20 §1). Every line stays one line
// with every control written as a visible escape.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/
const CONTROLS = [
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u2029',
  '\u061c',
  '\u200e',
  '\u200f',
  ...Array.from({ length: 5 }, (_, i) => String.fromCharCode(0x202a + i)),
  ...Array.from({ length: 4 }, (_, i) => String.fromCharCode(0x2066 + i)),
]
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...CONTROLS),
      fc.constantFrom('a', 'Z', ' ', '/', 'é', '💥', 'GET /v1/models 200'),
    ),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''))

let checked = 0
afterAll(() => {
  console.log(
    `[reliability] log lines: ${checked} requests with control and bidi characters in their paths, each logged as one escaped line`,
  )
})

describe('log lines', { timeout: HOSTILE_TIMEOUT }, () => {
  it('writes each request as one line with every control character escaped', async () => {
    const log: string[] = []
    const server = await serve({ log: (line) => log.push(line) })
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        log.length = 0
        const path = `/v1/${encodeURIComponent(text)}`
        const response = await rawRequest(server.url, path)
        expect(response.status).toBe(404)
        expect(log).toHaveLength(1)
        const line = log[0] ?? ''
        expect(line).not.toMatch(FORBIDDEN)
        expect(line).toMatch(/^GET \/v1\/.* 404$/)
        checked++
      }),
      { numRuns: HOSTILE_RUNS },
    )
  })

  it('escapes visibly, leaving other text as it is', () => {
    expect(escapeControls('a\r\nGET / 200\u202Efdp.exe\u0000é💥')).toBe(
      'a\\r\\nGET / 200\\u202efdp.exe\\x00é💥',
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeControls(text)
        expect(escaped).not.toMatch(FORBIDDEN)
        // Text with no control characters comes back unchanged.
        if (!FORBIDDEN.test(text)) expect(escaped).toBe(text)
      }),
      { numRuns: HOSTILE_RUNS * 10 },
    )
  })
})
