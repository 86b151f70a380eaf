import { type ClientOptions, createClient, type KindlingClient } from '@kindling/client'
import { type RunningServer, type StartServerOptions, startServer } from '@kindling/server'
import { afterAll, beforeAll } from 'vitest'

// The real test peer: @kindling/server on 127.0.0.1, one per test file, over real HTTP.

export interface Peer {
  server: RunningServer
  /** A client for the peer: no key, no logging, no retries unless asked. */
  client(options?: ClientOptions): KindlingClient
}

/** Starts the server before the file's tests and closes it after. */
export function startPeer(options: StartServerOptions = {}): Peer {
  const peer = {} as Peer
  beforeAll(async () => {
    peer.server = await startServer({ port: 0, host: '127.0.0.1', ...options })
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

/** Per-request headers asking the server for faults and a per-chunk delay. */
export function faultHeaders(spec?: string, delayMs?: number): Record<string, string> {
  const headers: Record<string, string> = {}
  if (spec) headers['x-kindling-fault'] = spec
  if (delayMs !== undefined) headers['x-kindling-delay'] = String(delayMs)
  return headers
}
