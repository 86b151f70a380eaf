import { type RunningServer, type StartServerOptions, startServer } from '@kindling/server'
import { afterAll, beforeAll } from 'vitest'
import {
  type ClientOptions,
  createClient,
  type KindlingClient,
} from '../../packages/client/src/createClient.ts'

// The real test peer: @kindling/server on 127.0.0.1, one per test file, over real HTTP.

/** The built-in models of @kindling/server. */
export const MODELS = [
  'kindling-echo',
  'kindling-text',
  'kindling-tools',
  'kindling-reasoning',
  'kindling-vision',
] as const

/** A tool the tools model will call. */
export const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } } },
  },
}

export interface Peer {
  server: RunningServer
  /** One line per request the server handled (method, path, status). */
  requests: string[]
  /** A client for the peer: no API key, no logging, no retries unless asked. */
  client(options?: ClientOptions): KindlingClient
}

/** Starts the server before the file's tests and closes it after. */
export function withPeer(options: StartServerOptions = {}): Peer {
  const peer = { requests: [] as string[] } as Peer
  beforeAll(async () => {
    peer.server = await startServer({
      port: 0,
      host: '127.0.0.1',
      log: (line) => peer.requests.push(line),
      ...options,
    })
  })
  afterAll(async () => {
    await peer.server?.close()
  })
  peer.client = (clientOptions = {}) =>
    createClient({
      baseURL: `${peer.server.url}/v1`,
      apiKey: null,
      logLevel: 'off',
      maxRetries: 0,
      ...clientOptions,
    })
  return peer
}

/** Header asking the server for faults, e.g. `fault('cut=3')`. */
export const fault = (spec: string) => ({ headers: { 'x-kindling-fault': spec } })

/** A user message. */
export const user = (content: string) => ({ role: 'user' as const, content })
