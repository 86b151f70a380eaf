import fc from 'fast-check'

// Rewrites of a recorded SSE body. "Equivalent" ones change bytes, never meaning (SSE spec §9.2 plus
// the client's documented rules: unnamed/`message` events only, empty data skipped, nothing read
// after [DONE]); "hostile" ones must end the stream with a typed error.

/** A recorded stream as events, each its list of lines without the blank line that ends it. */
export type Events = string[][]

/** Splits an LF-framed recording into events. */
export function toEvents(text: string): Events {
  return text
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => block.split('\n'))
}

/** Indexes of the events carrying a JSON chunk (not `[DONE]`, not comments). */
export function jsonEventIndexes(events: Events): number[] {
  return events.flatMap((lines, index) =>
    lines.some((line) => line.startsWith('data:') && line !== 'data: [DONE]') ? [index] : [],
  )
}

export type Eol = '\n' | '\r' | '\r\n'
const EOLS: readonly Eol[] = ['\n', '\r', '\r\n']

/** A line with no line break in it. */
const lineText = fc.string({ unit: 'grapheme', maxLength: 30 }).map((text) => text.replace(/[\r\n]/g, ' '))
const fieldName = fc
  .stringMatching(/^[a-z][a-z0-9_-]{0,8}$/)
  // `error` is not ignored: llama.cpp reports a failure as an `error:` line (see `hostile`).
  .filter((name) => name !== 'data' && name !== 'event' && name !== 'error')

/** Lines the SSE spec ignores wherever they stand: comments, `id`, `retry`, unknown fields. */
export const ignoredLine: fc.Arbitrary<string> = fc.oneof(
  lineText.map((text) => `:${text}`),
  fc.constant(': ping'),
  lineText.map((text) => `id: ${text}`),
  fc.oneof(fc.nat(), lineText).map((value) => `retry: ${value}`),
  fc.tuple(fieldName, lineText).map(([name, value]) => `${name}: ${value}`),
  fieldName,
)

/** Whole events a chat client skips: blank lines, empty data, events of another name, comment blocks. */
export const ignoredBlock: fc.Arbitrary<string[]> = fc.oneof(
  fc.constant<string[]>(['']),
  fc.constantFrom<string[]>(['data:', ''], ['data', ''], ['data: ', '']),
  fc
    .tuple(
      lineText.filter((name) => name.trim() !== '' && name !== 'message' && name !== 'error' && name !== ' '),
      lineText,
    )
    .map(([name, data]) => [`event: ${name}`, `data: ${data}`, '']),
  lineText.map((text) => [`: ${text}`, '']),
)

/** The equivalent rewrites of one case. */
export interface EquivalentEdits {
  lineInserts: { at: number; line: string }[]
  /** `event: message` added to data events (at these event indexes, modulo). */
  namedMessage: number[]
  blockInserts: { at: number; block: string[] }[]
  /** Anything at all after `data: [DONE]`: the client stops reading there. */
  afterDone: string[]
  dropSpace: boolean
  bom: boolean
  eol: Eol | 'mixed'
  eolSeed: number
}

export const equivalentEdits: fc.Arbitrary<EquivalentEdits> = fc.record({
  lineInserts: fc.array(fc.record({ at: fc.nat(), line: ignoredLine }), { maxLength: 6 }),
  namedMessage: fc.array(fc.nat(), { maxLength: 3 }),
  blockInserts: fc.array(fc.record({ at: fc.nat(), block: ignoredBlock }), { maxLength: 4 }),
  afterDone: fc.array(fc.oneof(lineText, fc.constant('data: {"broken'), fc.constant('event: error')), {
    maxLength: 3,
  }),
  dropSpace: fc.boolean(),
  bom: fc.boolean(),
  eol: fc.constantFrom<Eol | 'mixed'>('\n', '\r', '\r\n', 'mixed'),
  eolSeed: fc.nat(),
})

/** An insertion that must end the stream with a typed error at the event it is put before. */
export type Hostile =
  | { kind: 'cut-json'; keep: number }
  | { kind: 'not-json'; text: string }
  | { kind: 'wrong-shape'; json: string }
  | { kind: 'error-event'; data: string }
  | { kind: 'error-chunk' }
  | { kind: 'error-field' }
  | { kind: 'second-data-line'; text: string }

export const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  fc.nat().map((keep) => ({ kind: 'cut-json' as const, keep })),
  lineText
    .filter((text) => {
      try {
        JSON.parse(text)
        return false
      } catch {
        return text.trim() !== '' && text !== '[DONE]' && text !== ' [DONE]'
      }
    })
    .map((text) => ({ kind: 'not-json' as const, text })),
  fc
    .constantFrom(
      'null',
      '42',
      '"text"',
      '[]',
      '{"choices":"none"}',
      '{"choices":[{"index":"zero"}]}',
      'true',
    )
    .map((json) => ({ kind: 'wrong-shape' as const, json })),
  fc
    .oneof(fc.constant('{"error":{"message":"overloaded","type":"server_error"}}'), lineText)
    .map((data) => ({ kind: 'error-event' as const, data })),
  fc.constant({ kind: 'error-chunk' as const }),
  fc.constant({ kind: 'error-field' as const }),
  // JSON allows trailing whitespace: only a line with something in it breaks the chunk.
  lineText.filter((text) => text.trim() !== '').map((text) => ({ kind: 'second-data-line' as const, text })),
)

/** Events with `hostile` put before event `at` (or, for a second data line, into it). */
export function insertHostile(events: Events, at: number, item: Hostile): Events {
  const out = events.map((lines) => [...lines])
  const sample = (out[at] ?? out[0] ?? []).find((line) => line.startsWith('data: {')) ?? 'data: {"x":1}'
  const json = sample.slice('data: '.length)
  const block = (lines: string[]) => out.splice(at, 0, lines)
  switch (item.kind) {
    case 'cut-json':
      block([`data: ${json.slice(0, 1 + (item.keep % (json.length - 1)))}`])
      break
    case 'not-json':
      block([`data: ${item.text}`])
      break
    case 'wrong-shape':
      block([`data: ${item.json}`])
      break
    case 'error-event':
      block(['event: error', `data: ${item.data}`])
      break
    case 'error-chunk':
      block(['data: {"error":{"message":"The server had an error","type":"server_error","code":null}}'])
      break
    case 'error-field':
      block(['error: {"code":500,"message":"context shift failed","type":"server_error"}'])
      break
    case 'second-data-line':
      out[at]?.push(`data: ${item.text}`)
      break
  }
  return out
}

/** Applies equivalent edits; the result reads exactly as `events` does. */
export function applyEquivalent(events: Events, edits: EquivalentEdits): { events: Events; tail: string[] } {
  const out = events.map((lines) => [...lines])
  const dataEvents = out.filter((lines) => lines.some((line) => line.startsWith('data:')))
  for (const at of edits.namedMessage) {
    const lines = dataEvents[at % dataEvents.length]
    if (lines && !lines.some((line) => line.startsWith('event:'))) lines.unshift('event: message')
  }
  if (edits.dropSpace) {
    for (const lines of out)
      for (const [i, line] of lines.entries())
        if (line.startsWith('data: ')) lines[i] = `data:${line.slice(6)}`
  }
  for (const { at, line } of edits.lineInserts) {
    const lines = out[at % out.length]
    lines?.splice(Math.floor(at / out.length) % (lines.length + 1), 0, line)
  }
  // Whole blocks go between events, after the line edits so none lands inside an ignored block.
  const blocks = [...edits.blockInserts].sort((a, b) => (b.at % out.length) - (a.at % out.length))
  for (const { at, block } of blocks) out.splice(at % out.length, 0, block.slice(0, -1))
  return { events: out, tail: edits.afterDone }
}

/**
 * Serializes events with blank lines between them and the given line endings. A CR followed by an
 * LF would merge two line breaks into one, so a blank line after a CR never ends in a lone LF.
 */
export function serialize(
  events: Events,
  options: { eol: Eol | 'mixed'; eolSeed?: number; bom?: boolean; tail?: string[] },
): Uint8Array {
  const lines = events.flatMap((lines) => [...lines, ''])
  if (options.tail && options.tail.length > 0) lines.push(...options.tail, '')
  let seed = options.eolSeed ?? 0
  let previous: Eol = '\n'
  let text = options.bom ? '\uFEFF' : ''
  for (const line of lines) {
    let eol: Eol
    if (options.eol === 'mixed') {
      seed = (seed * 1103515245 + 12345) >>> 0
      eol = EOLS[(seed >>> 16) % 3] as Eol
    } else eol = options.eol
    if (previous === '\r' && line === '' && eol === '\n') eol = '\r\n'
    text += line + eol
    previous = eol
  }
  return new TextEncoder().encode(text)
}
