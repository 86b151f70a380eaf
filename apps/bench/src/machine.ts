import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'

const require = createRequire(import.meta.url)

/** The peers (and tools) whose versions go into `results.json`. */
export const PEERS = [
  'openai',
  'ai',
  '@ai-sdk/openai-compatible',
  '@ai-sdk/react',
  '@assistant-ui/react',
  'eventsource-parser',
  'esbuild',
  'react',
  'react-dom',
  'playwright-core',
] as const

/** The version of an installed package, found from this package's folder. */
export function installedVersion(name: string): string {
  try {
    // Some packages do not export ./package.json: find their folder from the main entry instead.
    let dir: string
    try {
      dir = require.resolve(`${name}/package.json`).replace(/package\.json$/, '')
    } catch {
      const entry = require.resolve(name)
      const at = entry.lastIndexOf(`/node_modules/${name}/`)
      dir = `${entry.slice(0, at)}/node_modules/${name}/`
    }
    return (JSON.parse(readFileSync(`${dir}package.json`, 'utf8')) as { version: string }).version
  } catch {
    return 'not installed'
  }
}

/** What the numbers were measured on. */
export function machineInfo(): Record<string, unknown> {
  const cpus = os.cpus()
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  }
}

/** Versions of every peer measured. */
export function peerVersions(): Record<string, string> {
  return Object.fromEntries(PEERS.map((name) => [name, installedVersion(name)]))
}
