import {
  APIConnectionError,
  type ChatCompletionStreamResponse,
  type CompletionStreamResponse,
  ResponseValidationError,
  toChatCompletionResponse,
  toCompletionResponse,
} from '@kindling/client'
import { type RunningServer, startServer } from '@kindling/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accumulateChatChunks } from '../../packages/client/src/accumulateChat.ts'
import { accumulateCompletionChunks } from '../../packages/client/src/accumulateCompletion.ts'
import { FUZZ_TEXT, type Recording, recordStreams } from './recordings.ts'
import { createReplayer, type Outcome } from './replay.ts'
import { TRUNCATION_STRIDE } from './stressConfig.ts'

// Short recorded streams cut at every byte offset, both as a clean end of the body and as a broken
// connection. The outcome at each offset is predicted from where the cut falls (see RELIABILITY.md).

let server: RunningServer
let recordings: Recording[] = []
const figures = { offsets: 0, typedErrors: 0, cleanPrefixes: 0, bytes: 0 }

const short: Omit<Recording, 'bytes'>[] = [
  {
    name: 'echo chat, LF',
    kind: 'chat',
    model: 'kindling-echo',
    body: { model: 'kindling-echo', messages: [{ role: 'user', content: FUZZ_TEXT }] },
  },
  {
    name: 'tools chat n=2, usage chunk',
    kind: 'chat',
    model: 'kindling-tools',
    body: {
      model: 'kindling-tools',
      n: 2,
      max_tokens: 6,
      stream_options: { include_usage: true },
      tools: [
        {
          type: 'function',
          function: { name: 'f', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
        },
      ],
      messages: [{ role: 'user', content: 'Ünï 🔥' }],
    },
  },
  {
    name: 'reasoning chat, first tokens',
    kind: 'chat',
    model: 'kindling-reasoning',
    body: { model: 'kindling-reasoning', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] },
  },
  {
    name: 'echo completion with echo',
    kind: 'completion',
    model: 'kindling-echo',
    body: { model: 'kindling-echo', prompt: FUZZ_TEXT, echo: true },
  },
]

beforeAll(async () => {
  server = await startServer({ port: 0 })
  recordings = [
    ...(await recordStreams(server, short)),
    ...(await recordStreams(server, short.slice(0, 1), { 'x-kindling-fault': 'crlf+ping' })).map(
      (recording) => ({ ...recording, name: 'echo chat, CRLF and pings' }),
    ),
  ]
})

afterAll(async () => {
  await server?.close()
  console.log(
    `[reliability] truncation: ${figures.offsets} cuts (every ${TRUNCATION_STRIDE === 1 ? '' : `${TRUNCATION_STRIDE}th `}byte offset of ${recordings.length} short streams, ` +
      `${figures.bytes} bytes, clean end and broken connection): ${figures.typedErrors} typed errors, ` +
      `${figures.cleanPrefixes} clean prefixes, 0 crashes, 0 hangs`,
  )
})

interface DataEvent {
  json: boolean
  /** Byte offsets of the value after `data: `, and of the end of the blank line closing the event. */
  valueStart: number
  valueEnd: number
  eventEnd: number
}

/** Where each data event's value and terminating blank line lie in the bytes (LF or CRLF). */
function dataEvents(bytes: Uint8Array): DataEvent[] {
  const events: DataEvent[] = []
  const text = new TextDecoder().decode(bytes)
  const encoder = new TextEncoder()
  let offset = 0
  let pending: DataEvent | undefined
  for (const match of text.matchAll(/([^\r\n]*)(\r\n|\n)/g)) {
    const [whole, line = '', eol = ''] = match
    const lineBytes = encoder.encode(line).length
    if (line.startsWith('data: ')) {
      const data = line.slice(6)
      pending = { json: data !== '[DONE]', valueStart: offset + 6, valueEnd: offset + lineBytes, eventEnd: 0 }
    } else if (line === '' && pending) {
      pending.eventEnd = offset + eol.length
      events.push(pending)
      pending = undefined
    }
    offset += encoder.encode(whole).length
  }
  return events
}

function finalOf(recording: Recording, chunks: unknown[]) {
  return recording.kind === 'chat'
    ? toChatCompletionResponse(accumulateChatChunks(chunks as ChatCompletionStreamResponse[]))
    : toCompletionResponse(accumulateCompletionChunks(chunks as CompletionStreamResponse[]))
}

describe('a short stream cut at every byte offset', () => {
  it.each(short.map((r) => r.name).concat('echo chat, CRLF and pings'))(
    '%s: a prefix of the chunks, then the end or a typed error',
    async (name) => {
      const recording = recordings.find((r) => r.name === name) as Recording
      const read = createReplayer(recording)
      const { chunks: all } = await read([recording.bytes])
      const events = dataEvents(recording.bytes)
      expect(events.filter((event) => event.json)).toHaveLength(all.length)
      const done = events.at(-1) as DataEvent
      expect(done.json).toBe(false)
      figures.bytes += recording.bytes.length
      // Every offset with stride 1 (the stress run); otherwise every Nth, offset per stream, plus the end.
      const cuts = Array.from({ length: recording.bytes.length + 1 }, (_, cut) => cut).filter(
        (cut) => (cut + name.length) % TRUNCATION_STRIDE === 0 || cut === recording.bytes.length,
      )
      for (const cut of cuts) {
        const prefix = recording.bytes.subarray(0, cut)
        const expectOutcome = (outcome: Outcome, kept: number, error?: typeof APIConnectionError) => {
          const chunks = all.slice(0, kept)
          expect(outcome.chunks, `cut at ${cut}`).toEqual(chunks)
          if (error) {
            expect(outcome.error, `cut at ${cut}`).toBeInstanceOf(error)
            expect(outcome.error?.partial).toEqual(finalOf(recording, chunks))
            figures.typedErrors++
          } else {
            expect(outcome.error, `cut at ${cut}`).toBeUndefined()
            expect(outcome.final).toEqual(finalOf(recording, chunks))
            figures.cleanPrefixes++
          }
        }
        // The body ends cleanly: a value cut short is malformed; a cut between events reads as a
        // server that sends no [DONE] (which the client accepts, as OpenAI-compatible servers vary).
        const complete = events.filter((event) => event.json && event.valueEnd <= cut).length
        const inside = events.some((event) => event.valueStart < cut && cut < event.valueEnd)
        expectOutcome(await read([prefix]), complete, inside ? ResponseValidationError : undefined)
        // The connection breaks: the events whose blank line arrived, then APIConnectionError.
        const dispatched = events.filter((event) => event.json && event.eventEnd <= cut).length
        const broken = await read([prefix], new TypeError('terminated'))
        expectOutcome(broken, dispatched, done.eventEnd <= cut ? undefined : APIConnectionError)
        figures.offsets += 2
      }
    },
    60_000,
  )
})
