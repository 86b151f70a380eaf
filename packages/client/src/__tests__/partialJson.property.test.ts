import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPartialJsonParser, PartialJsonError } from '../partialJson.ts'
import { expectedPartial } from './partialJsonOracle.ts'

// The streaming JSON parser against JSON.parse: every prefix gives the partial value the oracle
// defines (JSON.parse of the completed prefix, see partialJsonOracle.ts), every way of cutting the
// text into chunks gives the same values, and invalid text fails at the same offset however it is cut.

const same = (actual: unknown, expected: unknown) =>
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected))

// JSON texts of any value, compact or indented, with strings of any UTF-16 content (lone surrogates too).
const jsonText = fc
  .tuple(
    fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }),
    fc.constantFrom(undefined, 0, 1, 2, '\t', ' \r\n'),
  )
  .map(([value, space]) =>
    typeof space === 'string' && space.includes('\r')
      ? JSON.stringify(value, null, 1).replaceAll('\n', '\r\n')
      : JSON.stringify(value, null, space),
  )

/** Cuts `text` at the given (sorted, deduplicated) offsets. */
function cut(text: string, offsets: number[]): string[] {
  const points = [...new Set(offsets.map((offset) => offset % (text.length + 1)))].sort((a, b) => a - b)
  const chunks: string[] = []
  let from = 0
  for (const point of [...points, text.length]) {
    chunks.push(text.slice(from, point))
    from = point
  }
  return chunks
}

const chunking = fc.array(fc.nat(), { maxLength: 30 })

function failureOf(run: () => void): PartialJsonError | undefined {
  try {
    run()
  } catch (error) {
    if (error instanceof PartialJsonError) return error
    throw error
  }
  return undefined
}

describe('createPartialJsonParser (property)', () => {
  it('gives the right partial value after every character of a valid text', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        const parser = createPartialJsonParser()
        for (let i = 0; i < text.length; i++)
          same(parser.push(text[i] as string), expectedPartial(text.slice(0, i + 1)))
        same(parser.end(), JSON.parse(text))
      }),
      { numRuns: 300 },
    )
  })

  it('gives the same values however the text is cut into chunks', () => {
    fc.assert(
      fc.property(jsonText, chunking, (text, offsets) => {
        const parser = createPartialJsonParser()
        let seen = ''
        for (const chunk of cut(text, offsets)) {
          seen += chunk
          same(parser.push(chunk), expectedPartial(seen))
        }
        same(parser.end(), JSON.parse(text))
      }),
      { numRuns: 500 },
    )
  })

  it('accepts exactly what JSON.parse accepts, with the same value', () => {
    // Short texts from JSON's own alphabet hit the edges: leading zeros, lone signs, bad escapes, commas.
    const alphabet = fc.constantFrom(...'{}[]:,"\\ -+.0123456789eEtrufalsn\n\tu00ab'.split(''), '\u0001', 'x')
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 14 }).map((chars) => chars.join('')),
        chunking,
        (text, offsets) => {
          let expected: unknown
          let valid = true
          try {
            expected = JSON.parse(text)
          } catch {
            valid = false
          }
          const parser = createPartialJsonParser()
          const failure = failureOf(() => {
            for (const chunk of cut(text, offsets)) parser.push(chunk)
            const value = parser.end()
            if (valid) same(value, expected)
          })
          expect(failure === undefined).toBe(valid)
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('fails at the offset of a character that cannot continue the text, however it is cut', () => {
    fc.assert(
      fc.property(
        jsonText,
        fc.nat(),
        fc.constantFrom('#', '\u0001', '}', ']'),
        chunking,
        (text, at, bad, offsets) => {
          const position = at % (text.length + 1)
          const broken = text.slice(0, position) + bad + text.slice(position)
          // Where the prefix stands decides whether the character is wrong there; '#' and a raw control
          // character are wrong outside strings, and the control character inside them too.
          const inString = /^(?:[^"\\]|\\.|"(?:[^"\\]|\\.)*")*"(?:[^"\\]|\\.)*$/s.test(
            text.slice(0, position),
          )
          if (bad === '#' && inString) return
          if (bad === '}' || bad === ']') {
            // Only check that a failure, if any, is at or after the inserted character.
            const failure = failureOf(() => {
              const parser = createPartialJsonParser()
              for (const chunk of cut(broken, offsets)) parser.push(chunk)
              parser.end()
            })
            if (failure) expect(failure.offset).toBeGreaterThanOrEqual(position)
            return
          }
          const failure = failureOf(() => {
            const parser = createPartialJsonParser()
            for (const chunk of cut(broken, offsets)) parser.push(chunk)
            parser.end()
          })
          expect(failure?.reason).toBe('unexpected-character')
          expect(failure?.offset).toBe(position)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('says the text ended early, at its length, for every proper prefix that is not a value', () => {
    fc.assert(
      fc.property(jsonText, fc.nat(), (text, at) => {
        const prefix = text.slice(0, at % text.length)
        let complete = true
        try {
          JSON.parse(prefix)
        } catch {
          complete = false
        }
        const parser = createPartialJsonParser()
        parser.push(prefix)
        const failure = failureOf(() => parser.end())
        if (complete) expect(failure).toBeUndefined()
        else expect(failure).toMatchObject({ reason: 'unexpected-end', offset: prefix.length })
      }),
      { numRuns: 500 },
    )
  })
})
