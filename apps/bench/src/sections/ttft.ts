import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import { createClient } from '@kindling/client'
import { createChatEngine } from '@kindling/react/core'
import { streamText } from 'ai'
import OpenAI from 'openai'
import { fixed, median, percentile, type SectionResult } from '../report.ts'
import { chatChunkJSON, FIXTURE_MODEL } from '../sseFixture.ts'

// Time to first token overhead: a local node:http server sends the response headers, waits until
// the client is surely waiting for the body, stamps performance.now() and writes the first content
// chunk. Each client reports when that text is available to the app; the difference is what the
// client adds between the socket and the app. Server and clients share one process and one clock.

const FIRST_TEXT = 'Hello'
// Long enough for every client to have resolved its request and be waiting on the body.
const HEADERS_TO_FIRST_CHUNK_MS = 15
// The rest of the answer comes later, so a client that holds the first text back (batching) shows it.
const FIRST_TO_REST_MS = 25

export interface TTFTServer {
  url: string
  /** When the first content byte of request `id` was written. */
  firstByteAt: Map<string, number>
  close(): Promise<void>
}

export async function startTTFTServer(): Promise<TTFTServer> {
  const firstByteAt = new Map<string, number>()
  let counter = 0
  const server: Server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const id = String(counter++)
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        'x-request-id': id,
      })
      res.flushHeaders()
      setTimeout(() => {
        firstByteAt.set(id, performance.now())
        res.write(`data: ${chatChunkJSON(0, FIRST_TEXT, null)}\n\n`)
        setTimeout(() => {
          res.write(`data: ${chatChunkJSON(1, ' world', 'stop')}\n\ndata: [DONE]\n\n`)
          res.end()
        }, FIRST_TO_REST_MS)
      }, HEADERS_TO_FIRST_CHUNK_MS)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1`,
    firstByteAt,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** One client: runs one request and returns when the first text was available (performance.now()). */
interface TTFTClient {
  name: string
  /** Returns the server's request id and the time the first text reached the app. */
  firstText(server: TTFTServer): Promise<{ id: string; at: number }>
}

const messages = [{ role: 'user' as const, content: 'Say hello' }]

function kindlingClient(server: TTFTServer) {
  return createClient({ baseURL: server.url, apiKey: null, maxRetries: 0, logLevel: 'off' })
}

export const TTFT_CLIENTS: readonly TTFTClient[] = [
  {
    name: '@kindling/client stream',
    async firstText(server) {
      const stream = await kindlingClient(server).chatCompletion.create(FIXTURE_MODEL, messages, {
        stream: true,
      })
      let at = 0
      for await (const chunk of stream) {
        if (at === 0 && chunk.choices[0]?.delta.content === FIRST_TEXT) at = performance.now()
      }
      return { id: stream.requestId ?? '', at }
    },
  },
  ...(['immediate', 'default'] as const).map(
    (batching): TTFTClient => ({
      name: `@kindling/react store (${batching === 'immediate' ? 'batchInterval 0' : "default 'frame' batching: the first token at once, then per frame"})`,
      async firstText(server) {
        const engine = createChatEngine()
        let at = 0
        const unsubscribe = engine.store.subscribe((state) => {
          if (at === 0 && state.messages.at(-1)?.content.startsWith(FIRST_TEXT)) at = performance.now()
        })
        const ids: string[] = []
        const client = createClient({
          baseURL: server.url,
          apiKey: null,
          maxRetries: 0,
          logLevel: 'off',
          fetch: async (input, init) => {
            const response = await fetch(input, init)
            ids.push(response.headers.get('x-request-id') ?? '')
            return response
          },
        })
        await engine.send('Say hello', {
          client,
          model: FIXTURE_MODEL,
          ...(batching === 'immediate' ? { batchInterval: 0 } : {}),
        })
        unsubscribe()
        engine.dispose()
        return { id: ids[0] ?? '', at }
      },
    }),
  ),
  {
    name: 'openai SDK stream',
    async firstText(server) {
      const client = new OpenAI({ baseURL: server.url, apiKey: 'unused', maxRetries: 0 })
      const { data: stream, response } = await client.chat.completions
        .create({ model: FIXTURE_MODEL, messages, stream: true })
        .withResponse()
      let at = 0
      for await (const chunk of stream) {
        if (at === 0 && chunk.choices[0]?.delta.content === FIRST_TEXT) at = performance.now()
      }
      return { id: response.headers.get('x-request-id') ?? '', at }
    },
  },
  {
    name: 'ai SDK streamText (textStream)',
    async firstText(server) {
      const ids: string[] = []
      const provider = createOpenAICompatible({
        name: 'bench',
        baseURL: server.url,
        fetch: async (input, init) => {
          const response = await fetch(input, init)
          ids.push(response.headers.get('x-request-id') ?? '')
          return response
        },
      })
      const result = streamText({ model: provider.chatModel(FIXTURE_MODEL), messages, maxRetries: 0 })
      let at = 0
      for await (const text of result.textStream) {
        if (at === 0 && text === FIRST_TEXT) at = performance.now()
      }
      return { id: ids[0] ?? '', at }
    },
  },
]

/** Options of the ttft section. */
export interface TTFTOptions {
  /** Timed requests per client, interleaved between clients (default 200). */
  runs?: number
  /** Untimed requests per client first (default 20). */
  warmups?: number
}

/** Median (and p90) time from the first content byte leaving the server to the text in the app. */
export async function runTTFT(options: TTFTOptions = {}): Promise<SectionResult> {
  const runs = options.runs ?? 200
  const warmups = options.warmups ?? 20
  const server = await startTTFTServer()
  const samples = TTFT_CLIENTS.map((): number[] => [])
  try {
    for (let round = 0; round < warmups + runs; round++) {
      for (const [index, client] of TTFT_CLIENTS.entries()) {
        const { id, at } = await client.firstText(server)
        const sentAt = server.firstByteAt.get(id)
        if (sentAt === undefined || at === 0)
          throw new Error(`${client.name}: no first text for request ${id}`)
        if (round >= warmups) samples[index]?.push(at - sentAt)
      }
    }
  } finally {
    await server.close()
  }
  const measured = TTFT_CLIENTS.map((client, index) => {
    const values = samples[index] ?? []
    return { client: client.name, medianMs: median(values), p90Ms: percentile(values, 90), samples: values }
  })
  const kindling = measured[0]
  const openai = measured.find((m) => m.client.startsWith('openai'))
  return {
    section: 'ttft',
    title: `Time to first token overhead (first content byte written → text in the app; ${runs} requests each, interleaved)`,
    columns: ['client', 'median ms', 'p90 ms', '× openai SDK (median)'],
    rows: measured.map((m) => [
      m.client,
      fixed(m.medianMs, 3),
      fixed(m.p90Ms, 3),
      openai ? fixed(m.medianMs / openai.medianMs) : '–',
    ]),
    targets:
      kindling && openai
        ? [
            {
              name: 'Kindling client adds no more than the openai SDK',
              measured: `${fixed(kindling.medianMs, 3)} ms vs ${fixed(openai.medianMs, 3)} ms`,
              met: kindling.medianMs <= openai.medianMs,
            },
          ]
        : [],
    notes: [
      `A local node:http server in the same process writes the headers, waits ${HEADERS_TO_FIRST_CHUNK_MS} ms, stamps performance.now() and writes the first chunk; the overhead includes the loopback socket and undici, which every client shares.`,
    ],
    data: { runs, warmups, clients: measured.map(({ samples: _samples, ...rest }) => rest) },
  }
}
