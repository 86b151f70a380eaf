import {
  createMemoryStreamStore,
  createRedisStreamStore,
  type RunningServer,
  type StreamStore,
  startServer,
} from '@kindling/server'
import { startBenchRedis } from '../redisServer.ts'
import { fixed, median, percentile, type SectionResult } from '../report.ts'

// Resumable streams: what the stream store costs per event (append, measured directly on the
// store), and the resume latency a reader sees: from sending the resume request to the first
// replayed byte, against a real server on 127.0.0.1 with each store.

export interface ResumeOptions {
  /** Events appended per store for the per-event cost. */
  events?: number
  /** Resumes timed per store. */
  runs?: number
}

// About the size of one streamed chat chunk on the wire.
const EVENT = `id: abcdefghijklmnopqrstuvwx:1\ndata: ${JSON.stringify({
  id: 'chatcmpl-0123456789abcdef',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'kindling-echo',
  choices: [{ index: 0, delta: { content: ' token' }, finish_reason: null }],
})}\n\n`

async function appendCost(store: StreamStore, events: number): Promise<number> {
  const id = `bench-${Math.random().toString(36).slice(2)}`
  await store.open(id, 'owner')
  const start = performance.now()
  for (let i = 0; i < events; i++) await store.append(id, EVENT)
  const perEventUs = ((performance.now() - start) * 1000) / events
  await store.end(id, true)
  return perEventUs
}

async function resumeLatencies(server: RunningServer, runs: number): Promise<number[]> {
  const headers = { 'content-type': 'application/json', authorization: 'Bearer bench' }
  const body = JSON.stringify({
    model: 'kindling-echo',
    stream: true,
    messages: [{ role: 'user', content: 'one two three four five six seven eight nine ten' }],
  })
  const latencies: number[] = []
  for (let run = 0; run < runs; run++) {
    const started = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', headers, body })
    const id = started.headers.get('x-kindling-stream-id') as string
    await started.text()
    const sent = performance.now()
    const resumed = await fetch(`${server.url}/v1/kindling/streams/${id}?after=3`, { headers })
    const reader = (resumed.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    latencies.push(performance.now() - sent)
    await reader.cancel()
  }
  return latencies
}

export async function runResume(options: ResumeOptions = {}): Promise<SectionResult> {
  const events = options.events ?? 20_000
  const runs = options.runs ?? 200
  const rows: (string | number)[][] = []
  const data: Record<string, unknown> = { events, runs }
  const notes: string[] = [
    `Append: ${events} events of ${EVENT.length} bytes into one stream, awaited one by one. Resume: ${runs} resumes of a finished 13-event answer after event 3, request sent → first replayed byte.`,
  ]
  const measure = async (name: string, store: StreamStore, server: RunningServer) => {
    const perEventUs = await appendCost(store, events)
    const latencies = await resumeLatencies(server, runs)
    rows.push([name, fixed(perEventUs, 1), fixed(median(latencies)), fixed(percentile(latencies, 95))])
    data[name] = { perEventUs, resumeMs: latencies }
  }

  const memory = createMemoryStreamStore()
  const memoryServer = await startServer({ port: 0, resumable: true })
  try {
    await measure('memory', memory, memoryServer)
  } finally {
    await memoryServer.close()
  }

  const redis = await startBenchRedis()
  if (redis) {
    const store = await createRedisStreamStore({ url: redis.url })
    const redisServer = await startServer({ port: 0, redisUrl: redis.url })
    try {
      await measure('Redis (local redis-server)', store, redisServer)
    } finally {
      await redisServer.close()
      await store.close()
      await redis.stop()
    }
  } else {
    notes.push('redis-server is not installed (scripts/setup.sh installs it): the Redis row is missing.')
  }

  return {
    section: 'resume',
    title: 'Resumable streams: store cost per event, resume latency',
    columns: ['store', 'append µs/event', 'resume → first byte ms (median)', 'p95 ms'],
    rows,
    targets: [],
    notes,
    data,
  }
}
