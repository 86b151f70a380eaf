import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { isLoopbackHostname } from './loopback.ts'
import { DEFAULT_TIMEOUTS, resumableOptionsOf, type ServerOptions, type ServerTimeouts } from './options.ts'
import { createStreamTracker, type StreamTracker } from './streamTracker.ts'

/** Where and how {@link startServer} listens, on top of the {@link ServerOptions}. */
export interface StartServerOptions extends ServerOptions, ServerTimeouts {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number
  /**
   * Interface to listen on. Default `127.0.0.1`. On a non-loopback interface `allowedHosts`
   * defaults to `true` (any `Host`).
   */
  host?: string
  /**
   * Keep streams in this Redis (`redis://127.0.0.1:6379`) so several instances resume and stop
   * each other's streams; turns `resumable` on, and is ignored when `resumable.store` is given. The
   * store is closed with the server.
   */
  redisUrl?: string
}

/** A running server. */
export interface RunningServer {
  /** The origin, e.g. `http://127.0.0.1:43121`. Clients use `${url}/v1` (or `${url}/inference/v1`) as base URL. */
  url: string
  /** The port it listens on. */
  port: number
  /** Open and ended streams, to prove that an abort closed its connection. */
  streams: StreamTracker
  /** Stops listening and drops every open connection, stalled streams included. Safe to call twice. */
  close(): Promise<void>
}

/**
 * Starts the server on Node's HTTP server.
 *
 * @example
 * const server = await startServer({ port: 0 })
 * const client = createClient({ baseURL: `${server.url}/v1` })
 * await server.close()
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const {
    redisUrl,
    port = 0,
    host = '127.0.0.1',
    headersTimeoutMs = DEFAULT_TIMEOUTS.headersTimeoutMs,
    requestTimeoutMs = DEFAULT_TIMEOUTS.requestTimeoutMs,
    keepAliveTimeoutMs = DEFAULT_TIMEOUTS.keepAliveTimeoutMs,
    idleTimeoutMs = DEFAULT_TIMEOUTS.idleTimeoutMs,
    ...appOptions
  } = options
  const streams = appOptions.tracker ?? createStreamTracker()
  // Bound to loopback, only loopback names (and the configured ones) are answered: DNS rebinding
  // cannot reach it. Bound to a real interface, the names it is reached by are not known here.
  const allowedHosts = appOptions.allowedHosts ?? (isLoopbackHostname(host) ? [] : true)
  // A Redis URL turns resumable streams on.
  const resumable = resumableOptionsOf(appOptions.resumable) ?? (redisUrl ? {} : undefined)
  const ownStore =
    redisUrl && resumable && !resumable.store
      ? // Loaded only when asked for: a server without Redis does not load its client.
        await import('./redisStreamStore.ts').then(({ createRedisStreamStore }) =>
          createRedisStreamStore({ url: redisUrl, ...resumable.limits, ...resumable.producerLease }),
        )
      : undefined
  // close() stops the answers still being generated for readers that may resume elsewhere.
  const shutdown = new AbortController()
  const app = createApp({
    ...appOptions,
    signal: appOptions.signal ? AbortSignal.any([appOptions.signal, shutdown.signal]) : shutdown.signal,
    allowedHosts,
    tracker: streams,
    ...(resumable ? { resumable: ownStore ? { ...resumable, store: ownStore } : resumable } : {}),
  })
  // Node refuses a headers timeout longer than the request timeout, and checks both only every
  // `connectionsCheckingInterval`: check often enough for short timeouts to mean what they say.
  const headersTimeout =
    requestTimeoutMs > 0 ? Math.min(headersTimeoutMs, requestTimeoutMs) : headersTimeoutMs
  const shortest = Math.min(...[headersTimeout, requestTimeoutMs].filter((ms) => ms > 0), 30_000)
  const serverOptions = {
    headersTimeout,
    requestTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(shortest / 4))),
  }
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host, serverOptions }, (info: AddressInfo) => {
      server.off('error', reject)
      const hostInUrl = info.family === 'IPv6' ? `[${info.address}]` : info.address
      let closing: Promise<void> | undefined
      resolve({
        url: `http://${hostInUrl}:${info.port}`,
        port: info.port,
        streams,
        close: () => {
          closing ??= new Promise<void>((done, fail) => {
            shutdown.abort()
            server.close((error) => {
              const closed = ownStore?.close() ?? Promise.resolve()
              void closed.then(() => (error ? fail(error) : done()))
            })
            if ('closeAllConnections' in server) server.closeAllConnections()
          })
          return closing
        },
      })
    })
    server.once('error', reject)
    if ('keepAliveTimeout' in server) {
      server.keepAliveTimeout = keepAliveTimeoutMs
      // Without a 'timeout' listener, Node destroys a socket idle this long (either direction).
      server.timeout = idleTimeoutMs
    }
  })
}
