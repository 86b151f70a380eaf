// `pnpm dev`: the embedded @kindling/server and the playground's Vite dev server together.
// One Ctrl-C stops both (each runs in its own process group, behind pnpm's wrapper).
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'

const apiPort = Number(process.env.KINDLING_PORT ?? 8787)
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 5173)
const playgroundUrl = `http://localhost:${playgroundPort}`
const apiUrl = `http://127.0.0.1:${apiPort}`

/** Whether nothing listens on `port` (any interface), checked by binding it for a moment. */
const isFree = (port) =>
  new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, () => probe.close(() => resolve(true)))
  })

const taken = []
for (const [port, what, variable] of [
  [apiPort, 'the API server', 'KINDLING_PORT'],
  [playgroundPort, 'the playground', 'PLAYGROUND_PORT'],
]) {
  if (!(await isFree(port)))
    taken.push(`  Port ${port} (${what}) is already in use: stop what holds it, or set ${variable}.`)
}
if (taken.length > 0) {
  console.error(`\n${taken.join('\n')}\n  (Another \`pnpm dev\` still running?)\n`)
  process.exit(1)
}

const env = { ...process.env, KINDLING_SERVER_URL: apiUrl }
const run = (args) => spawn('pnpm', args, { stdio: 'inherit', detached: true, env })

const children = [
  // A per-token delay makes the built-in models stream like real ones.
  run([
    '--filter',
    '@kindling/server',
    'start',
    '--port',
    String(apiPort),
    '--delay',
    process.env.KINDLING_DELAY_MS ?? '30',
    // Answers survive a reload: the playground resumes them (see apps/playground/README.md).
    '--resumable',
  ]),
  run(['--filter', 'playground', 'dev', '--port', String(playgroundPort)]),
]

let stopping = false
function stopAll(code) {
  if (stopping) return
  stopping = true
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {}
  }
  setTimeout(() => process.exit(code), 300)
}
process.on('SIGINT', () => stopAll(0))
process.on('SIGTERM', () => stopAll(0))
for (const child of children) child.on('exit', (code) => stopAll(code ?? 1))

/** Resolves once `url` answers at all (any status): its server is listening. */
async function answers(url) {
  while (!stopping) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) })
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

// The address is printed when both servers answer, not after a guess at how long they take.
await Promise.all([answers(playgroundUrl), answers(`${apiUrl}/v1/models`)])
if (!stopping) console.log(`\n  Kindling playground: ${playgroundUrl}  (API on ${apiUrl}/v1)\n`)
