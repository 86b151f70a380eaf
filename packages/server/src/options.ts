import type { RedisStreamStoreOptions } from './redisStreamStore.ts'
import type { StreamStore, StreamStoreLimits } from './streamStore.ts'
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
   * Origins that may call the server besides its own: a list, `'*'` for any, or `false` for none
   * (and no CORS headers). A request whose `Origin` is not allowed gets a 403 before anything is
   * done. Default: with no `upstream`, any loopback origin (`http(s)://localhost|127.x|[::1]`, any
   * port); with an `upstream` (a key to protect), only the playground's, `http://localhost:5173` and
   * `http://127.0.0.1:5173`. `'*'` together with an `upstream` warns on the console.
   */
  cors?: string[] | '*' | false
  /**
   * `Host` names answered besides loopback ones (`localhost`, `*.localhost`, `127.x`, `[::1]`, any
   * port); a leading `.` allows a domain and its subdomains. Any other `Host` gets a 403, which stops
   * DNS rebinding. `true` answers any host. Default: loopback names only (`startServer` bound to a
   * non-loopback interface defaults to `true`).
   */
  allowedHosts?: string[] | true
  /** Serve the built-in models. `false` (proxy mode) forwards every model upstream. Default true. */
  builtins?: boolean
  /** Largest accepted request body in bytes; larger ones get 413. Default 4 MiB. */
  maxBodyBytes?: number
  /** Forward requests for models that are not built in. Default: none (unknown models get 404). */
  upstream?: UpstreamOptions | null
  /** Receives one line per request (method, path, status) and proxy warnings; never the API key. Default: silent. */
  log?: (line: string) => void
  /** Counts open and ended streams; pass one to observe an embedded app. */
  tracker?: StreamTracker
  /**
   * Most forwarded (upstream) requests and built-in streams one client may have open at once; one
   * more gets a 429 with `Retry-After`. `0` turns the cap off. Default 8.
   */
  maxUpstreamStreamsPerClient?: number
  /**
   * Who a request comes from, for {@link ServerOptions.maxUpstreamStreamsPerClient}. Default: the
   * socket's remote address. Behind a reverse proxy, return the address it forwards (only if you
   * trust it: a client choosing its own id escapes the cap).
   */
  clientId?: (request: Request, remoteAddress: string | undefined) => string
  /** Bounds on the work one request may ask of the built-in models; see {@link WorkLimits}. */
  limits?: Partial<WorkLimits>
  /**
   * Which requests may ask for faults (`x-kindling-fault`, a `+fault` model suffix), fixed at start:
   * `'builtin'` the built-in models only (default), `'all'` forwarded requests and the model list of a
   * proxy too, `'none'` no request. A request outside it is served as if it asked for no fault.
   */
  faults?: FaultScope
  /**
   * Resumable streams (off by default): `true`, or their settings. On, every streamed answer gets an
   * id (`x-kindling-stream-id`) and numbered SSE events, is kept in a stream store, and can be read
   * again (`GET /v1/kindling/streams/:id`) or stopped (`POST /v1/kindling/streams/:id/cancel`). Off,
   * answers stream straight to their reader with no store, no ids and no resume routes.
   */
  resumable?: boolean | ResumableOptions
  /**
   * Aborting it stops every resumable answer this server is generating (its readers' connections
   * end; a stream in a shared store ends as incomplete). `startServer`'s `close()` does it, so a
   * closed server does not keep generating for answers nobody can read from it any more.
   */
  signal?: AbortSignal
}

/** The settings of resumable streams ({@link ServerOptions.resumable}). */
export interface ResumableOptions {
  /**
   * Where streamed answers are kept. Default: in this process's memory
   * ({@link createMemoryStreamStore}); several instances share a {@link createRedisStreamStore}.
   */
  store?: StreamStore
  /** Limits of the default in-memory store; see {@link StreamStoreLimits}. */
  limits?: Partial<StreamStoreLimits>
  /**
   * How long an answer keeps being generated after its last reader left (a resumed reader, on any
   * instance, counts), when the request said it will resume (`x-kindling-resumable: 1`, as
   * `@kindling/client` sends when asked to). Without that header a reader that leaves stops the
   * answer at once. Default 60 000 ms.
   */
  graceMs?: number
  /**
   * With `redisUrl` (several instances): how often an instance renews the liveness lease of each
   * stream it produces, and how long a lease lasts unrenewed before readers on other instances end
   * the stream with `event: error` (`stream_producer_lost`); see {@link RedisStreamStoreOptions}.
   * Default `{ heartbeatMs: 1000, leaseMs: 3000 }`. A store given in `store` has its own.
   */
  producerLease?: Pick<RedisStreamStoreOptions, 'heartbeatMs' | 'leaseMs'>
}

/** The resumable-stream settings `options.resumable` asks for, or `undefined` when they are off. */
export function resumableOptionsOf(resumable: ServerOptions['resumable']): ResumableOptions | undefined {
  if (!resumable) return undefined
  return resumable === true ? {} : resumable
}

/**
 * Bounds on the work one request may ask of the built-in models. A request over one gets a 400 or
 * 413 naming it, before the answer is planned (the built-ins plan a whole answer before sending it).
 */
export interface WorkLimits {
  /** Choices in one answer: `n`, times the number of prompts for completions. Default 128. */
  maxChoices: number
  /** Tokens planned for one answer, all choices together (each logprobs alternative counts as one). Default 50 000. */
  maxAnswerTokens: number
  /** Bytes of tool-call arguments `kindling-tools` writes for one choice (schemas × user text). Default 256 KiB. */
  maxToolArgumentBytes: number
  /** Largest per-chunk delay a request may ask for (`x-kindling-delay`, `delay` fault). Default 10 000 ms. */
  maxDelayMs: number
  /** Largest per-chunk delay × chunks a request may ask for. Default 300 000 ms. */
  maxTotalDelayMs: number
}

/** Which requests may ask for faults; see {@link ServerOptions.faults}. */
export type FaultScope = 'builtin' | 'all' | 'none'
/** Faults on for the built-in models, off for the production path (forwarded requests). */
export const DEFAULT_FAULTS: FaultScope = 'builtin'
const FAULT_SCOPES: readonly FaultScope[] = ['builtin', 'all', 'none']

/** Parses a fault scope as the CLI and env take it; throws naming `name` and the allowed values. */
export function parseFaultScope(value: string, name = 'faults'): FaultScope {
  const trimmed = value.trim()
  const scope = FAULT_SCOPES.find((candidate) => candidate === trimmed)
  if (!scope) throw new Error(`${name} must be one of ${FAULT_SCOPES.join(', ')}, got '${value}'`)
  return scope
}

/** Whether faults apply to built-in models and to forwarded requests under `scope`. */
export function faultScopeOf(scope: FaultScope): { builtin: boolean; proxied: boolean } {
  return { builtin: scope !== 'none', proxied: scope === 'all' }
}

/**
 * How long {@link startServer} waits on a connection before dropping it, in milliseconds (`0`: never).
 * They keep a client that sends slowly or not at all from holding a connection for good.
 */
export interface ServerTimeouts {
  /** Time to receive a request's headers (Node's `headersTimeout`; slow senders get 408). Default 10 000. */
  headersTimeoutMs?: number
  /** Time to receive a whole request, body included (Node's `requestTimeout`). Default 30 000. */
  requestTimeoutMs?: number
  /** Time an idle keep-alive connection stays open between requests. Default 5 000. */
  keepAliveTimeoutMs?: number
  /**
   * Time a connection may see no traffic either way, e.g. a client that stops reading a stream or a
   * stalled stream, before its socket is closed. Default 120 000.
   */
  idleTimeoutMs?: number
}

/** The playground's origins, the CORS default in proxy mode (with no key, any loopback origin). */
export const DEFAULT_CORS_ORIGINS: string[] = ['http://localhost:5173', 'http://127.0.0.1:5173']
/** The upstream used when `FIREWORKS_API_KEY` is set and `KINDLING_UPSTREAM_URL` is not. */
export const DEFAULT_UPSTREAM_URL = 'https://api.fireworks.ai/inference/v1'
/** The default largest request body: 4 MiB. */
export const DEFAULT_MAX_BODY_BYTES: number = 4 * 1024 * 1024
/** The default cap on a client's concurrent upstream requests. */
export const DEFAULT_MAX_UPSTREAM_STREAMS_PER_CLIENT: number = 8
/** The default {@link ServerOptions.streamGraceMs}. */
export const DEFAULT_STREAM_GRACE_MS: number = 60_000
/** The default {@link WorkLimits}. */
export const DEFAULT_WORK_LIMITS: WorkLimits = {
  maxChoices: 128,
  maxAnswerTokens: 50_000,
  maxToolArgumentBytes: 256 * 1024,
  maxDelayMs: 10_000,
  maxTotalDelayMs: 300_000,
}
/** The default {@link ServerTimeouts}. */
export const DEFAULT_TIMEOUTS: Required<ServerTimeouts> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 120_000,
}

/** Parses a host list as the CLI and env take it: `*` (any host) or comma-separated names. */
export function parseAllowedHosts(value: string): string[] | true {
  const trimmed = value.trim()
  if (trimmed === '*') return true
  return trimmed
    .split(',')
    .map((host) => host.trim())
    .filter(Boolean)
}

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

const NUMBER_ENV = {
  KINDLING_DELAY_MS: 'delayMs',
  KINDLING_MAX_BODY_BYTES: 'maxBodyBytes',
  KINDLING_MAX_UPSTREAM_STREAMS_PER_CLIENT: 'maxUpstreamStreamsPerClient',
  KINDLING_HEADERS_TIMEOUT_MS: 'headersTimeoutMs',
  KINDLING_REQUEST_TIMEOUT_MS: 'requestTimeoutMs',
  KINDLING_KEEP_ALIVE_TIMEOUT_MS: 'keepAliveTimeoutMs',
  KINDLING_IDLE_TIMEOUT_MS: 'idleTimeoutMs',
} as const
const STORE_ENV = {
  KINDLING_STREAM_TTL_MS: 'ttlMs',
  KINDLING_STREAM_STORE_BYTES: 'maxBytes',
  KINDLING_STREAM_MAX_EVENTS: 'maxEventsPerStream',
} as const
const LEASE_ENV = {
  KINDLING_STREAM_HEARTBEAT_MS: 'heartbeatMs',
  KINDLING_STREAM_LEASE_MS: 'leaseMs',
} as const
const LIMIT_ENV = {
  KINDLING_MAX_CHOICES: 'maxChoices',
  KINDLING_MAX_ANSWER_TOKENS: 'maxAnswerTokens',
  KINDLING_MAX_TOOL_ARGUMENT_BYTES: 'maxToolArgumentBytes',
  KINDLING_MAX_DELAY_MS: 'maxDelayMs',
  KINDLING_MAX_TOTAL_DELAY_MS: 'maxTotalDelayMs',
} as const

function numberFromEnv(name: string, raw: string): number {
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} needs a non-negative number, got '${raw}'`)
  return value
}

/**
 * Server options from environment variables: `FIREWORKS_API_KEY` (turns the proxy on),
 * `KINDLING_UPSTREAM_URL`, `KINDLING_DELAY_MS`, `KINDLING_CORS`, `KINDLING_ALLOWED_HOSTS`, `KINDLING_FAULTS`,
 * `KINDLING_NO_BUILTINS` (`1`: serve no built-in models), `KINDLING_MAX_BODY_BYTES`, the
 * {@link WorkLimits} (`KINDLING_MAX_CHOICES`, `KINDLING_MAX_ANSWER_TOKENS`,
 * `KINDLING_MAX_TOOL_ARGUMENT_BYTES`, `KINDLING_MAX_DELAY_MS`, `KINDLING_MAX_TOTAL_DELAY_MS`),
 * `KINDLING_MAX_UPSTREAM_STREAMS_PER_CLIENT` and the timeouts `KINDLING_HEADERS_TIMEOUT_MS`,
 * `KINDLING_REQUEST_TIMEOUT_MS`, `KINDLING_KEEP_ALIVE_TIMEOUT_MS`, `KINDLING_IDLE_TIMEOUT_MS`, and the
 * resumable streams' `KINDLING_RESUMABLE=1` (on), `KINDLING_REDIS_URL` (on, in Redis), `KINDLING_STREAM_GRACE_MS`, `KINDLING_STREAM_TTL_MS`,
 * `KINDLING_STREAM_STORE_BYTES`, `KINDLING_STREAM_MAX_EVENTS`, and with Redis the producer lease's
 * `KINDLING_STREAM_HEARTBEAT_MS` and `KINDLING_STREAM_LEASE_MS`.
 * A number that is not a non-negative number throws, naming the variable.
 */
export function serverOptionsFromEnv(
  env: Record<string, string | undefined>,
): ServerOptions & ServerTimeouts & { redisUrl?: string } {
  const options: ServerOptions & ServerTimeouts & { redisUrl?: string } = {}
  const apiKey = env.FIREWORKS_API_KEY?.trim()
  if (apiKey) options.upstream = { url: env.KINDLING_UPSTREAM_URL?.trim() || DEFAULT_UPSTREAM_URL, apiKey }
  if (env.KINDLING_CORS !== undefined) options.cors = parseCors(env.KINDLING_CORS)
  if (env.KINDLING_ALLOWED_HOSTS?.trim()) options.allowedHosts = parseAllowedHosts(env.KINDLING_ALLOWED_HOSTS)
  if (/^(1|true|yes)$/i.test(env.KINDLING_NO_BUILTINS?.trim() ?? '')) options.builtins = false
  if (env.KINDLING_FAULTS?.trim()) options.faults = parseFaultScope(env.KINDLING_FAULTS, 'KINDLING_FAULTS')
  for (const [name, key] of Object.entries(NUMBER_ENV)) {
    const raw = env[name]?.trim()
    if (raw) options[key] = numberFromEnv(name, raw)
  }
  if (env.KINDLING_REDIS_URL?.trim()) options.redisUrl = env.KINDLING_REDIS_URL.trim()
  // The stream settings count only when streams are resumable: KINDLING_RESUMABLE=1 or a Redis URL.
  if (env.KINDLING_RESUMABLE?.trim() === '1' || options.redisUrl) {
    const resumable: ResumableOptions = {}
    for (const [name, key] of Object.entries(STORE_ENV)) {
      const raw = env[name]?.trim()
      if (raw) resumable.limits = { ...resumable.limits, [key]: numberFromEnv(name, raw) }
    }
    const grace = env.KINDLING_STREAM_GRACE_MS?.trim()
    if (grace) resumable.graceMs = numberFromEnv('KINDLING_STREAM_GRACE_MS', grace)
    for (const [name, key] of Object.entries(LEASE_ENV)) {
      const raw = env[name]?.trim()
      if (raw) resumable.producerLease = { ...resumable.producerLease, [key]: numberFromEnv(name, raw) }
    }
    options.resumable = resumable
  }
  for (const [name, key] of Object.entries(LIMIT_ENV)) {
    const raw = env[name]?.trim()
    if (raw) options.limits = { ...options.limits, [key]: numberFromEnv(name, raw) }
  }
  return options
}
