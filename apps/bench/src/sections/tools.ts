import { createClient } from '@kindling/client'
import {
  type ChatEngine,
  createChatEngine,
  createMemoryAdapter,
  createThreadStore,
  defineTool,
  type ThreadStore,
} from '@kindling/react/core'
import { type RunningServer, startServer } from '@kindling/server'
import { fixed, median, percentile, type SectionResult } from '../report.ts'

// The engine's own cost of one tool round trip, in Node against @kindling/server on 127.0.0.1
// (`kindling-tools`, no per-chunk delay): from the end of the answer that calls a tool (when its
// last chunk reached the client) to the follow-up request being sent (the client's fetch called), minus the time the
// tool itself took (an execute that returns at once). Two set-ups: the bare engine, and the engine
// bound to a thread store (memory adapter), which saves each call's state and takes the answer's
// lock before it runs its calls.

/** Options of the tools section. */
export interface ToolsOptions {
  /** Timed round trips per set-up (default 200). */
  runs?: number
  /** Untimed round trips first, per set-up (default 20). */
  warmups?: number
}

/** 60 Hz: the round trip should cost the engine less than one frame. */
const FRAME_MS = 16.7

/** One tool round trip's overhead in ms: answer end → follow-up sent, tool time excluded. */
async function roundTrip(server: RunningServer, engineFor: () => ChatEngine): Promise<number> {
  let answerEnd = 0
  let followUpSent = 0
  let toolMs = 0
  let requests = 0
  const client = createClient({
    baseURL: `${server.url}/v1`,
    apiKey: null,
    maxRetries: 0,
    logLevel: 'off',
    async fetch(input, init) {
      requests += 1
      if (requests === 2) followUpSent = performance.now()
      const response = await fetch(input, init)
      if (requests !== 1 || !response.body) return response
      // The first answer's end: when its last chunk reached the client (each chunk is stamped).
      const stamped = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            answerEnd = performance.now()
            controller.enqueue(chunk)
          },
        }),
      )
      return new Response(stamped, { status: response.status, headers: response.headers })
    },
  })
  const tools = {
    get_weather: defineTool({
      description: 'The weather in a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      execute: (args) => {
        const start = performance.now()
        const result = { city: (args as { city?: string }).city, temperature: 21 }
        toolMs += performance.now() - start
        return result
      },
    }),
  }
  await engineFor().send('What is the weather in Lisbon?', {
    client,
    model: 'kindling-tools',
    tools,
    maxSteps: 1,
    requestOptions: { headers: { 'x-kindling-delay': '0' } },
  })
  if (requests !== 2 || answerEnd === 0) throw new Error(`expected one follow-up request, saw ${requests}`)
  return followUpSent - answerEnd - toolMs
}

async function measure(
  server: RunningServer,
  engineFor: () => ChatEngine,
  runs: number,
  warmups: number,
): Promise<number[]> {
  for (let index = 0; index < warmups; index++) await roundTrip(server, engineFor)
  const samples: number[] = []
  for (let index = 0; index < runs; index++) samples.push(await roundTrip(server, engineFor))
  return samples
}

/** Runs the tools section. */
export async function runTools(options: ToolsOptions = {}): Promise<SectionResult> {
  const runs = options.runs ?? 200
  const warmups = options.warmups ?? 20
  const server = await startServer({ port: 0, host: '127.0.0.1' })
  let threads: ThreadStore | undefined
  try {
    const bare = await measure(server, () => createChatEngine(), runs, warmups)
    threads = createThreadStore({ adapter: createMemoryAdapter() })
    await threads.ready
    const store = threads
    const persisted = await measure(server, () => store.engine(store.create()), runs, warmups)
    await threads.flush()
    const cases = [
      { name: 'engine alone', samples: bare },
      { name: 'engine + thread store (states saved, answer lock taken)', samples: persisted },
    ].map((c) => ({ ...c, median: median(c.samples), p95: percentile(c.samples, 95) }))
    const worst = Math.max(...cases.map((c) => c.p95))
    return {
      section: 'tools',
      title: 'Tools (Node): engine overhead of a tool round trip (answer end → follow-up request sent)',
      columns: ['set-up', 'median ms', 'p95 ms', 'frame budget ms'],
      rows: cases.map((c) => [c.name, fixed(c.median), fixed(c.p95), FRAME_MS]),
      targets: [
        {
          name: `Tool round trip overhead p95 within one frame (${FRAME_MS} ms)`,
          measured: `${fixed(worst)} ms (worst p95 of ${cases.length} set-ups)`,
          met: worst <= FRAME_MS,
        },
      ],
      notes: [
        `${runs} timed round trips per set-up after ${warmups} untimed ones; real HTTP to @kindling/server on 127.0.0.1 (kindling-tools, x-kindling-delay 0). The tool returns at once and its own time is subtracted.`,
        'Measured from the first response’s last chunk reaching the client (stamped by a TransformStream in the client’s fetch) to the client calling fetch for the follow-up: parsing the last chunk, ending the answer, validating the arguments, running the call, appending the result and building the next request. Noisy on a loaded machine.',
      ],
      data: { runs, warmups, cases },
    }
  } finally {
    threads?.dispose()
    await server.close()
  }
}
