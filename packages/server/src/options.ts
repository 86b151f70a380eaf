import type { StreamTracker } from './streamTracker.ts'

/** The upstream that non-built-in models are forwarded to. */
export interface UpstreamOptions {
  /** Base URL ending before `/chat/completions`, e.g. `https://api.fireworks.ai/inference/v1`. */
  url: string
  /** Sent upstream as `Authorization: Bearer …`; never logged, never sent to the browser. */
  apiKey: string
}

/** How a Kindling server behaves. Every field is optional. */
export interface ServerOptions {
  /** Milliseconds before each streamed chunk (a request's `x-kindling-delay` header overrides it). Default 0. */
  delayMs?: number
  /**
   * Origins allowed by CORS: a list, `'*'` for any, or `false` for no CORS headers. Default: the
   * playground's, `http://localhost:5173` and `http://127.0.0.1:5173`.
   */
  cors?: string[] | '*' | false
  /** Largest accepted request body in bytes; larger ones get 413. Default 4 MiB. */
  maxBodyBytes?: number
  /** Forward requests for models that are not built in. Default: none (unknown models get 404). */
  upstream?: UpstreamOptions | null
  /** Receives one line per request (method, path, status) and proxy warnings; never the API key. Default: silent. */
  log?: (line: string) => void
  /** Counts open and ended streams; pass one to observe an embedded app. */
  tracker?: StreamTracker
}

/** The playground's origins, allowed by CORS unless told otherwise. */
export const DEFAULT_CORS_ORIGINS: string[] = ['http://localhost:5173', 'http://127.0.0.1:5173']
/** The upstream used when `FIREWORKS_API_KEY` is set and `KINDLING_UPSTREAM_URL` is not. */
export const DEFAULT_UPSTREAM_URL = 'https://api.fireworks.ai/inference/v1'
/** The default largest request body: 4 MiB. */
export const DEFAULT_MAX_BODY_BYTES: number = 4 * 1024 * 1024

/** Parses a CORS setting as the CLI and env take it: `*`, `none`, or a comma-separated origin list. */
export function parseCors(value: string): string[] | '*' | false {
  const trimmed = value.trim()
  if (trimmed === '*') return '*'
  if (trimmed === 'none' || trimmed === '') return false
  return trimmed
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
}

/**
 * Server options from environment variables: `FIREWORKS_API_KEY` (turns the proxy on),
 * `KINDLING_UPSTREAM_URL`, `KINDLING_DELAY_MS`, `KINDLING_CORS`, `KINDLING_MAX_BODY_BYTES`.
 */
export function serverOptionsFromEnv(env: Record<string, string | undefined>): ServerOptions {
  const options: ServerOptions = {}
  const apiKey = env.FIREWORKS_API_KEY?.trim()
  if (apiKey) options.upstream = { url: env.KINDLING_UPSTREAM_URL?.trim() || DEFAULT_UPSTREAM_URL, apiKey }
  if (env.KINDLING_DELAY_MS) options.delayMs = Number(env.KINDLING_DELAY_MS)
  if (env.KINDLING_CORS !== undefined) options.cors = parseCors(env.KINDLING_CORS)
  if (env.KINDLING_MAX_BODY_BYTES) options.maxBodyBytes = Number(env.KINDLING_MAX_BODY_BYTES)
  return options
}
