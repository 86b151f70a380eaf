import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { byteStream, splitAt } from '../../packages/client/src/__tests__/fixtures.ts'
import { chatStreamSpec } from '../../packages/client/src/chatCompletion.ts'
import { completionStreamSpec } from '../../packages/client/src/completion.ts'
import { APIConnectionError, type APIError } from '../../packages/client/src/errors.ts'
import { createLogger } from '../../packages/client/src/logger.ts'
import type { RequestHandle } from '../../packages/client/src/request.ts'
import { createStream } from '../../packages/client/src/stream.ts'
import { weatherTool, withPeer } from '../support/peer.ts'

// The same SSE bytes, recorded from the real server, cut at random points (inside multi-byte UTF-8
// characters and CRLF pairs included) must read as exactly the same chunks and final response.

const peer = withPeer()
const text = 'Ünïcödé → 🔥🚀 世界 «quotes» ok'

interface Recording {
  name: string
  path: '/chat/completions' | '/completions'
  bytes: Uint8Array
}

const requests: { name: string; path: Recording['path']; body: object; fault?: string }[] = [
  {
    name: 'echo, CRLF and pings',
    path: '/chat/completions',
    body: { model: 'kindling-echo', messages: [{ role: 'user', content: text }] },
    fault: 'crlf+ping',
  },
  {
    name: 'echo, LF, no [DONE]',
    path: '/chat/completions',
    body: { model: 'kindling-echo', messages: [{ role: 'user', content: text }] },
    fault: 'no-done',
  },
  {
    name: 'tools, n=2, usage chunk, CRLF',
    path: '/chat/completions',
    body: {
      model: 'kindling-tools',
      n: 2,
      tools: [weatherTool],
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: text }],
    },
    fault: 'crlf',
  },
  {
    name: 'reasoning',
    path: '/chat/completions',
    body: { model: 'kindling-reasoning', messages: [{ role: 'user', content: text }] },
  },
  {
    name: 'completion echo with logprobs, CRLF',
    path: '/completions',
    body: { model: 'kindling-echo', prompt: text, logprobs: 1 },
    fault: 'crlf+ping',
  },
]

const recordings: Recording[] = []
beforeAll(async () => {
  for (const request of requests) {
    const response = await fetch(`${peer.server.url}/v1${request.path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(request.fault ? { 'x-kindling-fault': request.fault } : {}),
      },
      body: JSON.stringify({ ...request.body, stream: true }),
    })
    recordings.push({
      name: request.name,
      path: request.path,
      bytes: new Uint8Array(await response.arrayBuffer()),
    })
  }
})

function handleFor(body: ReadableStream<Uint8Array>, path: string): RequestHandle {
  return {
    response: new Response(body),
    bodyText: undefined,
    endpoint: `POST ${path}`,
    model: 'recorded',
    signal: new AbortController().signal,
    abort() {},
    errorFor: (error): APIError => new APIConnectionError({ message: 'lost', cause: error }),
    release() {},
  }
}

/** Reads the parts through the client's stream reader: every chunk, then the final response. */
async function read(recording: Recording, parts: Uint8Array[]) {
  const handle = handleFor(byteStream(parts), recording.path)
  const logger = createLogger('off')
  const stream =
    recording.path === '/chat/completions'
      ? createStream(handle, chatStreamSpec(), logger)
      : createStream(handle, completionStreamSpec(), logger)
  const chunks: unknown[] = []
  for await (const chunk of stream as AsyncIterable<unknown>) chunks.push(chunk)
  return { chunks, final: await stream.finalResponse() }
}

/** Offsets that fall inside a multi-byte UTF-8 character or between the CR and LF of a pair. */
function trickyOffsets(bytes: Uint8Array): number[] {
  const offsets: number[] = []
  for (let i = 1; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0
    if ((byte & 0xc0) === 0x80) offsets.push(i) // a continuation byte: cutting before it splits a character
    if (byte === 0x0a && bytes[i - 1] === 0x0d) offsets.push(i)
  }
  return offsets
}

describe('reading the same SSE bytes split anywhere', () => {
  it('recorded streams with multi-byte characters and CRLF pairs', () => {
    expect(recordings).toHaveLength(requests.length)
    for (const recording of recordings) {
      const decoded = new TextDecoder().decode(recording.bytes)
      if (recording.name.includes('CRLF')) expect(decoded).toContain('\r\n')
      expect(trickyOffsets(recording.bytes).length).toBeGreaterThan(10)
    }
  })

  it.each(requests.map((r) => r.name))(
    '%s: random cuts give identical chunks and final response',
    async (name) => {
      const recording = recordings.find((r) => r.name === name)
      if (!recording) throw new Error(`no recording ${name}`)
      const { bytes } = recording
      const expected = await read(recording, [bytes])
      expect(expected.chunks.length).toBeGreaterThan(2)
      const tricky = trickyOffsets(bytes)
      const offset = fc.oneof(fc.integer({ min: 0, max: bytes.length }), fc.constantFrom(...tricky))
      await fc.assert(
        fc.asyncProperty(fc.array(offset, { maxLength: 40 }), async (cuts) => {
          const actual = await read(recording, splitAt(bytes, cuts))
          expect(actual).toEqual(expected)
        }),
        { numRuns: 150 },
      )
    },
  )

  it.each(requests.map((r) => r.name))('%s: one byte per read gives identical results', async (name) => {
    const recording = recordings.find((r) => r.name === name)
    if (!recording) throw new Error(`no recording ${name}`)
    const everyByte = Array.from({ length: recording.bytes.length }, (_, i) => i)
    expect(await read(recording, splitAt(recording.bytes, everyByte))).toEqual(
      await read(recording, [recording.bytes]),
    )
  })
})
