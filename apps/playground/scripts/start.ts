// Production start: the built playground and the API on one port.
// PORT (default 8787), HOST, and the server's env (FIREWORKS_API_KEY, KINDLING_UPSTREAM_URL, …).
import { fileURLToPath } from 'node:url'
import { displayUpstreamUrl, serverOptionsFromEnv } from '@kindling/server'
import { servePlayground } from './servePlayground.ts'

const distDir = fileURLToPath(new URL('../dist', import.meta.url))
const options = serverOptionsFromEnv(process.env)
const { url, close } = await servePlayground({
  // Answers survive a reload (the page resumes them); the environment's stream settings apply on top.
  resumable: true,
  ...options,
  distDir,
  port: Number(process.env.PORT ?? 8787),
  host: process.env.HOST ?? '127.0.0.1',
  log: (line) => console.log(line),
})
console.log(
  `Kindling playground on ${url}${options.upstream ? ` (proxying to ${displayUpstreamUrl(options.upstream.url)})` : ''}`,
)
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void close().then(() => process.exit(0)))
