import { afterEach } from 'vitest'
import { type RunningServer, type StartServerOptions, startServer } from '../index.ts'

const running: RunningServer[] = []

/** Starts a server on 127.0.0.1, port 0, closed after the test. */
export async function serve(options: StartServerOptions = {}): Promise<RunningServer> {
  const server = await startServer({ port: 0, host: '127.0.0.1', ...options })
  running.push(server)
  return server
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

/** POSTs JSON to `path` of the server. */
export function post(
  server: RunningServer,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

/** One SSE event as the wire carried it. */
export interface WireEvent {
  event?: string
  data?: string
  comment?: string
}

const STREAM_EVENT_ID = /^id: [A-Za-z0-9_-]{24}:\d+$/

/** An SSE body without its `id:` lines, as it was before streams were resumable. */
export function withoutEventIds(text: string): string {
  return text.replace(/^id: [A-Za-z0-9_-]{24}:\d+(\r\n|\n)/gm, '')
}

/** Splits an SSE body into events (LF or CRLF), keeping comments; strict enough to catch bad framing. */
export function parseSse(text: string): WireEvent[] {
  const events: WireEvent[] = []
  for (const block of text.split(/\r?\n\r?\n/)) {
    if (block === '') continue
    const event: WireEvent = {}
    for (const line of block.split(/\r?\n/)) {
      // Every event of a stream carries `id: <streamId>:<seq>` (resume); resume.test.ts checks them.
      if (STREAM_EVENT_ID.test(line)) continue
      if (line.startsWith(': ')) event.comment = line.slice(2)
      else if (line.startsWith('data: ')) event.data = line.slice(6)
      else if (line.startsWith('event: ')) event.event = line.slice(7)
      else throw new Error(`unexpected SSE line: ${JSON.stringify(line)}`)
    }
    events.push(event)
  }
  return events
}

/** Parsed JSON from the wire: tests read into it freely and assert on what they find. */
// biome-ignore lint/suspicious/noExplicitAny: wire JSON is checked by the assertions that read it
export type Json = any

/** The JSON chunks of an SSE body, without `[DONE]`; fails if `[DONE]` is missing or not last. */
export function jsonChunks(text: string): Json[] {
  const data = parseSse(text).flatMap((event) => (event.data === undefined ? [] : [event.data]))
  if (data.at(-1) !== '[DONE]') throw new Error('stream did not end with [DONE]')
  return data.slice(0, -1).map((line) => JSON.parse(line))
}

/** The text of every chat content delta of choice `index`, joined. */
export function chatText(chunks: Json[], index = 0, field = 'content'): string {
  return chunks
    .flatMap((chunk) => chunk.choices)
    .filter((choice: Json) => choice.index === index)
    .map((choice: Json) => choice.delta[field] ?? '')
    .join('')
}

/** A user message. */
export const user = (content: string) => ({ role: 'user', content })

/** Reads a streamed body until at least `bytes` characters arrived (or it ended), then lets go of it. */
export async function readUpTo(response: Response, bytes: number): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  while (text.length < bytes) {
    const { done, value } = await reader.read()
    if (done) break
    text += decoder.decode(value, { stream: true })
  }
  await reader.cancel()
  return text
}
