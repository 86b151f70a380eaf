import { existsSync } from 'node:fs'
import type { HttpBindings } from '@hono/node-server'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { BASE_PATHS, createApp, type ServerOptions } from '@kindling/server'
import { Hono } from 'hono'

/** Where and what {@link servePlayground} serves. */
export interface ServePlaygroundOptions extends ServerOptions {
  /** The built playground (`vite build` output). */
  distDir: string
  port?: number
  host?: string
}

/**
 * Serves the built playground and the Kindling API on one port: API paths go to the server's app,
 * everything else is the static bundle (unknown paths fall back to index.html).
 */
export function servePlayground(
  options: ServePlaygroundOptions,
): Promise<{ url: string; close: () => Promise<void> }> {
  const { distDir, port = 0, host = '127.0.0.1', ...serverOptions } = options
  if (!existsSync(`${distDir}/index.html`)) {
    throw new Error(`No built playground in ${distDir}: run \`pnpm --filter playground build\` first.`)
  }
  // On loopback the API answers loopback Host names only (DNS rebinding); on another interface the
  // names it is reached by are not known here, unless `allowedHosts` says.
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(host)
  const api = createApp({ ...(loopback ? {} : { allowedHosts: true }), ...serverOptions, cors: false })
  const site = new Hono<{ Bindings: HttpBindings }>()
  const isApiPath = (path: string) => BASE_PATHS.some((base) => path === base || path.startsWith(`${base}/`))
  site.all('*', async (c, next) => (isApiPath(c.req.path) ? api.fetch(c.req.raw, c.env) : next()))
  site.use('*', serveStatic({ root: distDir }))
  site.get('*', serveStatic({ root: distDir, path: 'index.html' }))

  return new Promise((resolve, reject) => {
    const server = serve({ fetch: site.fetch, port, hostname: host }, (info) => {
      resolve({
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            if ('closeAllConnections' in server) server.closeAllConnections()
          }),
      })
    })
    server.once('error', reject)
  })
}
