// Records the responses the live stories' offline replay plays back (`recordedStreams.json`), from
// a real embedded @kindling/server. Run from the repository root after changing the server's models:
//   pnpm exec tsx packages/ui/src/stories/live/recordStreams.ts
import { writeFile } from 'node:fs/promises'
import { startServer } from '@kindling/server'
import { RECORDED_REQUESTS, type Recording } from './recordings.ts'

const server = await startServer({ port: 0 })
try {
  const recordings: Recording[] = []
  for (const { endpoint, body } of RECORDED_REQUESTS) {
    const path = endpoint === 'models' ? 'models' : endpoint === 'chat' ? 'chat/completions' : 'completions'
    const response = await fetch(`${server.url}/v1/${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json' },
      body: body ? JSON.stringify({ ...body, stream: true, stream_options: { include_usage: true } }) : null,
    })
    recordings.push({
      endpoint,
      model: typeof body?.model === 'string' ? body.model : '',
      n: typeof body?.n === 'number' ? body.n : 1,
      tools: Array.isArray(body?.tools),
      ...(body?.response_format ? { structured: true } : {}),
      status: response.status,
      contentType: response.headers.get('content-type') ?? 'application/json',
      body: await response.text(),
    })
  }
  const file = new URL('./recordedStreams.json', import.meta.url)
  await writeFile(file, `${JSON.stringify(recordings, null, 2)}\n`)
  console.log(`recorded ${recordings.length} responses to ${file.pathname}`)
} finally {
  await server.close()
}
