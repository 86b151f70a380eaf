import type { IncomingMessage, ServerResponse } from 'node:http'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Plugin } from 'vite'
import { createApp, serverOptionsFromEnv } from '../packages/server/src/index.ts'

/** The paths the embedded server answers; everything else is Storybook's. */
const SERVER_PATHS = ['/v1/', '/inference/v1/', '/kindling/']

type RequestListener = (request: IncomingMessage, response: ServerResponse) => Promise<void>

// @hono/node-server is a dependency of @kindling/server only (and ESM-only, so `createRequire`
// cannot resolve it): load it from that package's node_modules.
async function loadRequestListenerFactory(): Promise<
  (fetch: (request: Request) => Response | Promise<Response>) => RequestListener
> {
  const entry = new URL('../packages/server/node_modules/@hono/node-server/dist/index.mjs', import.meta.url)
  const module = (await import(pathToFileURL(fileURLToPath(entry)).href)) as {
    getRequestListener: (fetch: (request: Request) => Response | Promise<Response>) => RequestListener
  }
  return module.getRequestListener
}

/**
 * Serves the embedded `@kindling/server` from Storybook's own dev server (and from the Vite server
 * of the storybook Vitest project, which uses the same `viteFinal`) under `/v1`, so stories talk to
 * a live, same-origin server with no port, CORS or process to manage. Streams are paced at
 * `delayMs` per chunk like a real model (a request's `x-kindling-delay` header overrides it). Outside
 * tests, `FIREWORKS_API_KEY` / `KINDLING_UPSTREAM_URL` turn on the key-keeping proxy as they do for
 * `kindling-server`. `pnpm build-storybook` has no server: stories fall back to recorded replays.
 */
export function kindlingServerPlugin({ delayMs = 20 }: { delayMs?: number } = {}): Plugin {
  return {
    name: 'kindling:embedded-server',
    apply: 'serve',
    async configureServer(server) {
      const fromEnv = process.env.VITEST ? {} : serverOptionsFromEnv(process.env)
      const app = createApp({ delayMs, ...fromEnv })
      const listener = (await loadRequestListenerFactory())(app.fetch)
      server.middlewares.use((request, response, next) => {
        const url = request.url ?? ''
        if (SERVER_PATHS.some((path) => url.startsWith(path))) void listener(request, response)
        else next()
      })
    },
  }
}
