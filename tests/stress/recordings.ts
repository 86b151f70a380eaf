import type { RunningServer } from '@kindling/server'

// Streams recorded from the real server: every built-in model, chat and completions, one choice and
// several. The fuzz suites replay, mutate and cut these bytes.

/** One recorded streamed answer: the request and the exact bytes of its SSE body. */
export interface Recording {
  name: string
  kind: 'chat' | 'completion'
  model: string
  body: Record<string, unknown>
  bytes: Uint8Array
}

/** Multi-byte UTF-8 (2, 3 and 4 bytes) in every prompt, so cuts land inside characters. */
export const FUZZ_TEXT = 'Ünïcödé → 🔥🚀 世界 «quotes» ok'

const MODELS = ['kindling-echo', 'kindling-text', 'kindling-tools', 'kindling-reasoning'] as const

const tools = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } } },
    },
  },
  {
    type: 'function',
    function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } },
  },
]

/** The request bodies recorded: 4 models × chat/completions × n = 1 and 3, with extras. */
export function recordingRequests(): Omit<Recording, 'bytes'>[] {
  const requests: Omit<Recording, 'bytes'>[] = []
  for (const model of MODELS) {
    for (const n of [1, 3]) {
      const extras: Record<string, unknown> =
        n === 1 ? { stream_options: { include_usage: true } } : { logprobs: true, top_logprobs: 2 }
      requests.push({
        name: `${model} chat n=${n}`,
        kind: 'chat',
        model,
        body: {
          model,
          n,
          messages: [{ role: 'user', content: FUZZ_TEXT }],
          ...(model === 'kindling-tools' ? { tools } : {}),
          ...extras,
        },
      })
      requests.push({
        name: `${model} completion n=${n}`,
        kind: 'completion',
        model,
        body: {
          model,
          n,
          prompt: n === 1 ? FUZZ_TEXT : [FUZZ_TEXT, 'second prompt'],
          ...(n === 1 ? { echo: true, logprobs: 2 } : { stream_options: { include_usage: true } }),
        },
      })
    }
  }
  return requests
}

/** Records every request of {@link recordingRequests} (plus `extra`) from `server` as raw bytes. */
export async function recordStreams(
  server: RunningServer,
  requests: Omit<Recording, 'bytes'>[] = recordingRequests(),
  headers: Record<string, string> = {},
): Promise<Recording[]> {
  return Promise.all(
    requests.map(async (request) => {
      const path = request.kind === 'chat' ? '/v1/chat/completions' : '/v1/completions'
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ ...request.body, stream: true }),
      })
      if (!response.ok) throw new Error(`recording ${request.name}: ${response.status}`)
      return { ...request, bytes: new Uint8Array(await response.arrayBuffer()) }
    }),
  )
}
