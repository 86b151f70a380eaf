import { type ChildProcess, spawn } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

// `pnpm dev` as a person runs it (scripts/dev.mjs), on ports of the test's choosing.

const root = fileURLToPath(new URL('../..', import.meta.url))
const started: ChildProcess[] = []
const held: Server[] = []

afterEach(async () => {
  for (const child of started.splice(0)) {
    // dev.mjs stops its servers (each in its own process group) on SIGTERM.
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
  }
  for (const server of held.splice(0)) server.close()
})

/** A port nothing listens on now, held open when `hold` (to make it taken). */
async function port(hold = false): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, resolve))
  const { port } = server.address() as { port: number }
  if (hold) held.push(server)
  else await new Promise((resolve) => server.close(resolve))
  return port
}

function dev(env: Record<string, string>) {
  const child = spawn(process.execPath, ['scripts/dev.mjs'], {
    cwd: root,
    env: { ...process.env, VITEST: '', ...env },
  })
  started.push(child)
  let output = ''
  child.stdout?.on('data', (data) => {
    output += data
  })
  child.stderr?.on('data', (data) => {
    output += data
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const printed = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = output.match(pattern)
        if (match) {
          clearInterval(timer)
          resolve(match)
        }
      }, 20)
      void exited.then(() => {
        clearInterval(timer)
        const match = output.match(pattern)
        if (match) resolve(match)
        else reject(new Error(`dev.mjs exited without printing ${pattern}:\n${output}`))
      })
    })
  return { exited, printed, output: () => output }
}

describe('pnpm dev', () => {
  it('says which port is taken, and starts nothing', async () => {
    const playgroundPort = await port(true)
    const run = dev({ PLAYGROUND_PORT: String(playgroundPort), KINDLING_PORT: String(await port()) })
    expect(await run.exited).toBe(1)
    expect(run.output()).toContain(`Port ${playgroundPort} (the playground) is already in use`)
    expect(run.output()).toContain('PLAYGROUND_PORT')
  })

  it('prints the address once the playground and the API answer, and the page has its icon', async () => {
    const playgroundPort = await port()
    const apiPort = await port()
    const run = dev({ PLAYGROUND_PORT: String(playgroundPort), KINDLING_PORT: String(apiPort) })
    const [, url] = await run.printed(/Kindling playground: (http:\/\/\S+)/)
    expect(url).toBe(`http://localhost:${playgroundPort}`)
    // Printed means listening: both answer at once, no waiting.
    const page = await fetch(`${url}/`)
    expect(page.status).toBe(200)
    const models = await fetch(`http://127.0.0.1:${apiPort}/v1/models`)
    expect(models.status).toBe(200)
    // The icon the page names exists (no favicon 404 in the console).
    const icon = /<link rel="icon"[^>]*href="([^"]+)"/.exec(await page.text())?.[1]
    expect(icon).toBeDefined()
    const iconResponse = await fetch(new URL(icon as string, url))
    expect(iconResponse.status).toBe(200)
    expect(iconResponse.headers.get('content-type')).toMatch(/^image\//)
  }, 60_000)
})
