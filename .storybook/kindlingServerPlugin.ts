import { fileURLToPath } from 'node:url'
import { getRequestListener } from '@hono/node-server'
import type { Plugin } from 'vite'

/** The paths the embedded server answers; everything else is Storybook's. */
const SERVER_PATHS = ['/v1/', '/inference/v1/', '/kindling/']
const serverEntry = fileURLToPath(new URL('../packages/server/src/index.ts', import.meta.url))

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
      // Loaded through the dev server, not imported here: config loaders hand bare imports to Node,
      // which cannot run the workspace packages' TypeScript sources.
      const load = async () => {
        const { createApp, serverOptionsFromEnv } = (await server.ssrLoadModule(
          serverEntry,
        )) as typeof import('@kindling/server')
        const fromEnv = process.env.VITEST ? {} : serverOptionsFromEnv(process.env)
        const viteHosts = server.config.server.allowedHosts
        const app = createApp({
          delayMs,
          ...fromEnv,
          allowedHosts: viteHosts === true ? true : [...(viteHosts ?? [])],
        })
        return getRequestListener(app.fetch)
      }
      const listener = load()
      listener.catch((error) => server.config.logger.error(`kindling server failed to load: ${error}`))
      server.middlewares.use((request, response, next) => {
        const url = request.url ?? ''
        if (!SERVER_PATHS.some((path) => url.startsWith(path))) return next()
        listener.then((serve) => serve(request, response), next)
      })
    },
  }
}
