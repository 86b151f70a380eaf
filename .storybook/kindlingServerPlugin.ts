import { getRequestListener } from '@hono/node-server'
import type { Plugin } from 'vite'
import { createApp, serverOptionsFromEnv } from '../packages/server/src/index.ts'

/** The paths the embedded server answers; everything else is Storybook's. */
const SERVER_PATHS = ['/v1/', '/inference/v1/', '/kindling/']

/**
 * Serves the embedded `@kindling/server` from Storybook's own dev server (and from the Vite server
 * of the storybook Vitest project, which uses the same `viteFinal`) under `/v1`, so stories talk to
 * a live, same-origin server with no port, CORS or process to manage. Streams are paced at
 * `delayMs` per chunk like a real model (a request's `x-kindling-delay` header overrides it). Outside
 * tests, `FIREWORKS_API_KEY` / `KINDLING_UPSTREAM_URL` turn on the key-keeping proxy as they do for
 * `kindling-server`. `pnpm build-storybook` has no server: stories fall back to recorded replays.
 * Vite checks `Host` before this middleware; the app checks it again against Vite's
 * `server.allowedHosts`, so it stays safe if Vite's order or settings change.
 */
export function kindlingServerPlugin({ delayMs = 20 }: { delayMs?: number } = {}): Plugin {
  return {
    name: 'kindling:embedded-server',
    apply: 'serve',
    configureServer(server) {
      const fromEnv = process.env.VITEST ? {} : serverOptionsFromEnv(process.env)
      const viteHosts = server.config.server.allowedHosts
      const app = createApp({
        delayMs,
        ...fromEnv,
        allowedHosts: viteHosts === true ? true : [...(viteHosts ?? [])],
      })
      const listener = getRequestListener(app.fetch)
      server.middlewares.use((request, response, next) => {
        const url = request.url ?? ''
        if (SERVER_PATHS.some((path) => url.startsWith(path))) void listener(request, response)
        else next()
      })
    },
  }
}
