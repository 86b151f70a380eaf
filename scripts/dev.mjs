// `pnpm dev`: the playground's Vite dev server (and, once it lands, the embedded server), one Ctrl-C stops all.
import { spawn } from 'node:child_process'

const children = [spawn('pnpm', ['--filter', 'playground', 'dev'], { stdio: 'inherit', detached: true })]

function stopAll(code = 0) {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {}
  }
  process.exit(code)
}
process.on('SIGINT', () => stopAll(0))
process.on('SIGTERM', () => stopAll(0))
for (const child of children) child.on('exit', (code) => stopAll(code ?? 1))
