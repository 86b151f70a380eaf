import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The Node flags every benchmark process runs with: workspace sources, TypeScript, GC control. */
export const NODE_FLAGS = ['--import', 'tsx', '--expose-gc']

const benchDir = fileURLToPath(new URL('..', import.meta.url))

/**
 * Runs a benchmark script in a fresh Node process (its own heap and JIT state, so one library's
 * code cannot slow another's) and returns the JSON it printed on its last line of stdout.
 */
export function runChild<T>(
  script: string,
  args: readonly string[],
  extraFlags: readonly string[] = [],
): Promise<T> {
  const path = fileURLToPath(new URL(script, import.meta.url))
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, ...extraFlags, path, ...args], {
      cwd: benchDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (data: Buffer) => {
      stdout += data
    })
    child.stderr.on('data', (data: Buffer) => {
      stderr += data
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? ''
      if (code !== 0)
        reject(new Error(`${script} ${args.join(' ')} exited with ${code}: ${stderr.slice(-2000)}`))
      else {
        try {
          resolve(JSON.parse(last) as T)
        } catch {
          reject(new Error(`${script} printed no JSON result: ${stdout.slice(-500)} ${stderr.slice(-1000)}`))
        }
      }
    })
  })
}
