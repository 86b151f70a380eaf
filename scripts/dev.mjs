// `pnpm dev`: the embedded @kindling/server and the playground's Vite dev server together.
// One Ctrl-C stops both (each runs in its own process group, behind pnpm's wrapper).
import { spawn } from 'node:child_process'

const apiPort = process.env.KINDLING_PORT ?? '8787'
const env = { ...process.env, KINDLING_SERVER_URL: `http://127.0.0.1:${apiPort}` }
const run = (args) => spawn('pnpm', args, { stdio: 'inherit', detached: true, env })

const children = [
  // A per-token delay makes the built-in models stream like real ones.
  run([
    '--filter',
    '@kindling/server',
    'start',
    '--port',
    apiPort,
    '--delay',
    process.env.KINDLING_DELAY_MS ?? '30',
  ]),
  run(['--filter', 'playground', 'dev']),
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

setTimeout(() => {
  if (!stopping)
    console.log('\n  Kindling playground: http://localhost:5173  (API on http://127.0.0.1:%s/v1)\n', apiPort)
}, 2500)
