#!/usr/bin/env node
// `kindling-server`: the embedded models (and the proxy, with FIREWORKS_API_KEY) on one port.
import { parseArgs } from 'node:util'
import { builtinModels } from './models/index.ts'
import {
  DEFAULT_FAULTS,
  parseAllowedHosts,
  parseCors,
  parseFaultScope,
  resumableOptionsOf,
  serverOptionsFromEnv,
} from './options.ts'
import { startServer } from './startServer.ts'
import { displayUpstreamUrl } from './upstream.ts'

const USAGE = `Usage: kindling-server [options]

Options:
  --port <n>            port to listen on (env KINDLING_PORT, default 8787; 0 picks a free one)
  --host <h>            interface to listen on (env KINDLING_HOST, default 127.0.0.1)
  --delay <ms>          delay before each streamed chunk (env KINDLING_DELAY_MS, default 30)
  --cors <origins>      origins that may call the server besides its own: '*', 'none' or
                        comma-separated origins (env KINDLING_CORS; default: any loopback
                        origin, or with FIREWORKS_API_KEY only http://localhost:5173 and
                        http://127.0.0.1:5173)
  --allowed-hosts <h>   Host names answered besides localhost, 127.x and [::1]: comma-separated
                        ('.example.com' for subdomains) or '*' (env KINDLING_ALLOWED_HOSTS;
                        default none on a loopback --host, any otherwise)
  --no-builtins         serve no built-in models: every model goes upstream
                        (env KINDLING_NO_BUILTINS=1)
  --max-body-bytes <n>  largest request body (env KINDLING_MAX_BODY_BYTES, default 4 MiB)
  --max-upstream-streams <n>
                        concurrent upstream requests and built-in streams per
                        client, 0 for no cap
                        (env KINDLING_MAX_UPSTREAM_STREAMS_PER_CLIENT, default 8)
  --faults <scope>      which requests may ask for faults (x-kindling-fault, +fault suffix):
                        builtin (default: the built-in models), all (proxied ones too), none
                        (env KINDLING_FAULTS)
  --resumable           resumable streams: ids, a stream store, resume and cancel routes
                        (env KINDLING_RESUMABLE=1; default off)
  --redis-url <url>     keep resumable streams in Redis, shared by every instance using it;
                        implies --resumable
                        (env KINDLING_REDIS_URL; default: in this process's memory)
  --stream-ttl <ms>     how long a finished stream can still be resumed
                        (env KINDLING_STREAM_TTL_MS, default 300000)
  --quiet               do not log requests
  -h, --help            show this help

Proxy: set FIREWORKS_API_KEY to forward every model that is not built in to
KINDLING_UPSTREAM_URL (default https://api.fireworks.ai/inference/v1) with that key.

Limits per request (env): KINDLING_MAX_CHOICES (128), KINDLING_MAX_ANSWER_TOKENS (50000),
KINDLING_MAX_TOOL_ARGUMENT_BYTES (262144), KINDLING_MAX_DELAY_MS (10000),
KINDLING_MAX_TOTAL_DELAY_MS (300000).

Resumable streams (env): KINDLING_STREAM_GRACE_MS (60000: how long an answer keeps going
after a resuming client's connection dropped), KINDLING_STREAM_STORE_BYTES (67108864),
KINDLING_STREAM_MAX_EVENTS (100000); with Redis, KINDLING_STREAM_HEARTBEAT_MS (1000: how often
an instance renews the lease of the streams it produces) and KINDLING_STREAM_LEASE_MS (3000: how
long an unrenewed lease lasts before other instances end the stream, stream_producer_lost).

Timeouts (ms, 0 for none): KINDLING_HEADERS_TIMEOUT_MS (10000), KINDLING_REQUEST_TIMEOUT_MS
(30000), KINDLING_KEEP_ALIVE_TIMEOUT_MS (5000), KINDLING_IDLE_TIMEOUT_MS (120000).`

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isFinite(number) || number < 0) {
    console.error(`kindling-server: --${name} needs a non-negative number, got '${value}'\n\n${USAGE}`)
    process.exit(2)
  }
  return number
}

async function main() {
  // `pnpm start -- --port 0` passes the `--` through; skip it.
  const args = process.argv.slice(2)
  if (args[0] === '--') args.shift()
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      delay: { type: 'string' },
      cors: { type: 'string' },
      'allowed-hosts': { type: 'string' },
      'no-builtins': { type: 'boolean' },
      'max-body-bytes': { type: 'string' },
      'max-upstream-streams': { type: 'string' },
      faults: { type: 'string' },
      resumable: { type: 'boolean' },
      'redis-url': { type: 'string' },
      'stream-ttl': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const env = process.env
  const fromEnv = serverOptionsFromEnv(env)
  const delayMs = numberOption('delay', values.delay) ?? fromEnv.delayMs ?? 30
  const maxBodyBytes = numberOption('max-body-bytes', values['max-body-bytes']) ?? fromEnv.maxBodyBytes
  const maxUpstream = numberOption('max-upstream-streams', values['max-upstream-streams'])
  const faults =
    values.faults === undefined
      ? (fromEnv.faults ?? DEFAULT_FAULTS)
      : parseFaultScope(values.faults, '--faults')
  const ttlMs = numberOption('stream-ttl', values['stream-ttl'])
  const redisUrl = values['redis-url'] ?? fromEnv.redisUrl
  // Off unless asked for (--resumable, KINDLING_RESUMABLE=1) or implied by a Redis URL; the TTL
  // applies only when on.
  const fromEnvResumable = resumableOptionsOf(fromEnv.resumable)
  const resumable =
    values.resumable || redisUrl || fromEnvResumable
      ? {
          ...fromEnvResumable,
          ...(ttlMs === undefined ? {} : { limits: { ...fromEnvResumable?.limits, ttlMs } }),
        }
      : undefined
  const server = await startServer({
    ...fromEnv,
    port: numberOption('port', values.port ?? env.KINDLING_PORT) ?? 8787,
    host: values.host ?? env.KINDLING_HOST ?? '127.0.0.1',
    delayMs,
    ...(values.cors === undefined ? {} : { cors: parseCors(values.cors) }),
    ...(values['allowed-hosts'] === undefined
      ? {}
      : { allowedHosts: parseAllowedHosts(values['allowed-hosts']) }),
    ...(values['no-builtins'] ? { builtins: false } : {}),
    ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
    ...(maxUpstream === undefined ? {} : { maxUpstreamStreamsPerClient: maxUpstream }),
    faults,
    ...(redisUrl ? { redisUrl } : {}),
    ...(resumable ? { resumable } : {}),
    ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
  })
  const builtins = !values['no-builtins'] && fromEnv.builtins !== false
  console.log(`kindling-server listening on ${server.url}`)
  console.log(`  base URL: ${server.url}/v1 (or ${server.url}/inference/v1)`)
  console.log(`  models:   ${builtins ? builtinModels.map((model) => model.id).join(', ') : 'none built in'}`)
  console.log(`  delay:    ${delayMs} ms per chunk`)
  console.log(`  faults:   ${faults === 'builtin' ? 'built-in models only' : faults}`)
  // Where streams are kept, never the Redis password.
  console.log(
    `  resume:   ${redisUrl ? `on, streams in Redis at ${displayUpstreamUrl(redisUrl)}` : resumable ? 'on, streams in memory (one instance)' : 'off (--resumable)'}`,
  )
  // The key itself is never printed, nor credentials in the URL: only whether the proxy is on and where.
  console.log(
    fromEnv.upstream
      ? `  proxy:    other models go to ${displayUpstreamUrl(fromEnv.upstream.url)}`
      : '  proxy:    off (set FIREWORKS_API_KEY)',
  )

  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`kindling-server: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
