import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// The CLI as a real process: each in its own process group, stopped as a group (tsx runs it in a child).

const packageDir = fileURLToPath(new URL('../..', import.meta.url))
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url))
const children: ChildProcess[] = []

/** Stops every CLI started so far (call it after each test). */
export function stopClis(): void {
  for (const child of children.splice(0)) {
    // tsx runs the CLI in a child of its own: stop the whole process group.
    if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGTERM')
  }
}

/** Runs `kindling-server` (its TypeScript source, through tsx) as a real process with `args`. */
export function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(tsx, ['src/cli.ts', ...args], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    detached: true,
  })
  children.push(child)
  let output = ''
  child.stdout?.on('data', (data) => {
    output += data
  })
  child.stderr?.on('data', (data) => {
    output += data
  })
  const url = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = output.match(/listening on (http:\/\/\S+)/)
      if (match?.[1]) {
        clearInterval(timer)
        resolve(match[1])
      }
    }, 50)
    child.on('exit', (code) => {
      clearInterval(timer)
      reject(new Error(`CLI exited with ${code}: ${output}`))
    })
  })
  /** Resolves once the output contains `text` (stdout reaches the test a little after the answer). */
  const printed = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => (output.includes(text) ? resolve() : setTimeout(check, 20))
      check()
    })
  /** Kills the CLI's whole process group at once (SIGKILL: no cleanup runs), resolving when it exited. */
  const kill = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    })
  return { url, output: () => output, printed, kill }
}
