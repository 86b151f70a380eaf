/** Replaces every occurrence of the secrets it was made with; see {@link createRedactor}. */
export interface Redactor {
  (text: string): string
  /** Where a text can be cut with no occurrence (complete or still arriving) across the cut. */
  safeCut(text: string): number
}

const REDACTED = '[redacted]'
// Regex sources matching a JSON short escape of the character: `\"`, `\\`, `\/`, `\n`, …
const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\\\"',
  '\\': '\\\\\\\\',
  '/': '\\\\/',
  '\b': '\\\\b',
  '\f': '\\\\f',
  '\n': '\\\\n',
  '\r': '\\\\r',
  '\t': '\\\\t',
}

// Hex digits in either case: `\u005f` and `\u005F` decode alike.
const hexPattern = (code: number, width: number) =>
  Array.from(code.toString(16).padStart(width, '0'), (digit) =>
    /[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit,
  ).join('')

// One code unit, written as itself or as any escape that decodes to it in JSON (`\u005f`, `\/`) or
// in a URL (`%5F`), so a secret in an upstream's text is caught however it was encoded.
function unitPattern(unit: string): string {
  const code = unit.charCodeAt(0)
  const forms = [unit.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'), `\\\\u${hexPattern(code, 4)}`]
  if (code < 0x80) forms.push(`%${hexPattern(code, 2)}`)
  const short = SHORT_ESCAPES[unit]
  if (short) forms.push(short)
  return `(?:${forms.join('|')})`
}

/**
 * A function that replaces each secret with `[redacted]`, whether it appears as is or with any of
 * its characters JSON-escaped (`\uXXXX`, `\/`) or percent-encoded: redaction as if after decoding.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const present = [...new Set(secrets.filter((secret) => secret.length > 0))].sort(
    (a, b) => b.length - a.length,
  )
  if (present.length === 0)
    return Object.assign((text: string) => text, { safeCut: (text: string) => text.length })
  const source = present.map((secret) => Array.from(secret.split(''), unitPattern).join('')).join('|')
  const pattern = new RegExp(source, 'g')
  // Six characters per code unit at most (`\u005f`); one less can be the start of an occurrence.
  const hold = present.reduce((longest, secret) => Math.max(longest, secret.length), 0) * 6 - 1
  const redact = (text: string) => text.replace(pattern, REDACTED)
  const safeCut = (text: string) => {
    const lineEnd = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1
    const cut = Math.max(lineEnd, text.length - hold)
    for (const match of text.matchAll(pattern)) {
      if (match.index >= cut) break
      if (match.index + match[0].length > cut) return match.index
    }
    return cut
  }
  return Object.assign(redact, { safeCut })
}

/**
 * Redacts a text stream as it flows. What has arrived is passed on at once up to its last line
 * break (a secret never spans one: JSON and SSE escape line breaks) and, within the line in
 * progress, all but the last few characters that could begin an occurrence. One upstream read per
 * pull (more only while everything is held back), so the caller's backpressure reaches the upstream.
 */
export function redactStream(body: ReadableStream<Uint8Array>, redact: Redactor): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const encoder = new TextEncoder()
  let pending = ''
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) {
            const rest = redact(pending + decoder.decode())
            if (rest !== '') controller.enqueue(encoder.encode(rest))
            controller.close()
            return
          }
          pending += decoder.decode(value, { stream: true })
          const cut = redact.safeCut(pending)
          if (cut <= 0) continue
          controller.enqueue(encoder.encode(redact(pending.slice(0, cut))))
          pending = pending.slice(cut)
          return
        }
      },
      cancel(reason) {
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
