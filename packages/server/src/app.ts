import type { HttpBindings } from '@hono/node-server'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import type { z } from 'zod/mini'
import { createClientSlots } from './clientSlots.ts'
import { errorResponse } from './errors.ts'
import { type Faults, httpFaultResponse, mergeFaults, parseFaults, splitModelFaults } from './faults.ts'
import { type Generated, generateChat, generateCompletion } from './generate.ts'
import { InvalidParamError } from './invalidParam.ts'
import { type BuiltinModel, builtinModels, findBuiltinModel } from './models/index.ts'
import {
  DEFAULT_CORS_ORIGINS,
  DEFAULT_FAULTS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_UPSTREAM_STREAMS_PER_CLIENT,
  faultScopeOf,
  type ServerOptions,
} from './options.ts'
import { forwardToUpstream, listUpstreamModels } from './proxy.ts'
import { readRequestBody } from './readRequestBody.ts'
import { requestIdMiddleware } from './requestId.ts'
import { ChatCompletionRequestSchema, CompletionRequestSchema } from './requestSchemas.ts'
import { sseResponse } from './sseResponse.ts'
import { createStreamTracker } from './streamTracker.ts'

/** The base paths every route is served under: Fireworks' and the OpenAI style. */
export const BASE_PATHS = ['/inference/v1', '/v1'] as const

/** The Hono app {@link createApp} returns; `c.env` holds Node's request and response when served by Node. */
export type KindlingApp = Hono<{ Bindings: Partial<HttpBindings> }>
type AppContext = Context<{ Bindings: Partial<HttpBindings> }>

const FAULT_HEADER = 'x-kindling-fault'
const DELAY_HEADER = 'x-kindling-delay'
// Built once: the model list never changes while the server runs.
const CREATED = Math.floor(Date.now() / 1000)

class BadRequest extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message)
  }
}

function headerFaults(c: AppContext): Faults {
  const spec = c.req.header(FAULT_HEADER)
  if (!spec) return {}
  try {
    return parseFaults(spec)
  } catch (error) {
    throw new BadRequest(`Invalid ${FAULT_HEADER} header: ${(error as Error).message}.`, FAULT_HEADER)
  }
}

function requestDelay(c: AppContext, faults: Faults, options: ServerOptions): number {
  if (faults.delayMs !== undefined) return faults.delayMs
  const header = c.req.header(DELAY_HEADER)
  if (header === undefined) return options.delayMs ?? 0
  const delay = Number(header)
  if (!Number.isFinite(delay) || delay < 0) {
    throw new BadRequest(
      `Invalid ${DELAY_HEADER} header: expected milliseconds, got '${header}'.`,
      DELAY_HEADER,
    )
  }
  return delay
}

// Built-in models take a fault suffix (`kindling-echo+cut=3`) when faults are on for them; other
// names are left alone.
function resolveModel(
  requested: string,
  suffixFaults: boolean,
): { builtin: BuiltinModel | undefined; faults: Faults } {
  const exact = findBuiltinModel(requested)
  if (exact || !suffixFaults) return { builtin: exact, faults: {} }
  const { model, spec } = splitModelFaults(requested)
  const builtin = findBuiltinModel(model)
  if (!builtin || spec === null) return { builtin, faults: {} }
  try {
    return { builtin, faults: parseFaults(spec) }
  } catch (error) {
    throw new BadRequest(
      `Invalid fault suffix in model '${requested}': ${(error as Error).message}.`,
      'model',
    )
  }
}

// A non-streamed `stall` never answers: it waits until the client gives up.
function stallUntilClosed(c: AppContext): Promise<Response> {
  return new Promise((resolve) => {
    const signal = c.req.raw.signal
    const answer = () => resolve(new Response(null, { status: 499 }))
    if (signal.aborted) answer()
    else signal.addEventListener('abort', answer, { once: true })
  })
}

/**
 * Creates the server as a Hono app, to serve with `@hono/node-server` or mount in another app.
 * Routes: `GET …/models`, `POST …/completions`, `POST …/chat/completions` under `/inference/v1` and
 * `/v1`, and `GET /kindling/streams` (open and ended stream counts).
 */
export function createApp(options: ServerOptions = {}): KindlingApp {
  const app: KindlingApp = new Hono()
  const tracker = options.tracker ?? createStreamTracker()
  const apiKey = options.upstream?.apiKey
  const sink = options.log
  // Defence in depth: whatever a log line quotes (an upstream error, say), the key never gets out.
  const log = (line: string) => sink?.(apiKey ? line.replaceAll(apiKey, '[redacted]') : line)
  const upstreamLimit = options.maxUpstreamStreamsPerClient ?? DEFAULT_MAX_UPSTREAM_STREAMS_PER_CLIENT
  const upstreamSlots = createClientSlots(upstreamLimit)
  const clientIdOf = (c: AppContext) => {
    const address = c.env?.incoming?.socket?.remoteAddress
    return options.clientId ? options.clientId(c.req.raw, address) : (address ?? 'unknown')
  }
  const corsOrigins = options.cors ?? DEFAULT_CORS_ORIGINS
  const faultScope = faultScopeOf(options.faults ?? DEFAULT_FAULTS)

  app.use('*', async (c, next) => {
    await next()
    log(`${c.req.method} ${c.req.path} ${c.res.status}`)
  })
  app.use('*', requestIdMiddleware())
  if (corsOrigins !== false) {
    app.use('*', cors({ origin: corsOrigins, exposeHeaders: ['Retry-After', 'X-Request-Id'], maxAge: 600 }))
  }

  const limitBody = bodyLimit({
    maxSize: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    onError: () =>
      errorResponse(
        413,
        `The request body is larger than ${options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes.`,
        {
          code: 'request_too_large',
        },
      ),
  })

  const forward = (c: AppContext, path: string, raw: string, model: string) => {
    if (!options.upstream) {
      return errorResponse(404, `The model '${model}' does not exist or you do not have access to it.`, {
        code: 'model_not_found',
        param: 'model',
      })
    }
    const client = clientIdOf(c)
    const release = upstreamSlots.acquire(client)
    if (!release) {
      log(`429 for ${c.req.path}: client already has ${upstreamLimit} upstream requests open`)
      return errorResponse(
        429,
        `Too many concurrent upstream requests from this client: ${upstreamLimit} are already open. Wait for one to finish, then retry.`,
        { type: 'rate_limit_error', code: 'too_many_concurrent_requests', headers: { 'retry-after': '1' } },
      )
    }
    return forwardToUpstream(options.upstream, path, c.req.raw, raw, {
      onStream: () => tracker.start({ path: c.req.path, model, source: 'proxied' }),
      onSettled: release,
    }).catch((error: unknown) => {
      release()
      throw error
    })
  }

  // One handler for both generation routes: validate, apply faults, then run a built-in model or
  // forward upstream.
  const generationRoute =
    <T extends { model: string; stream?: boolean | undefined }>(
      schema: z.ZodMiniType<T>,
      upstreamPath: string,
      generate: (model: BuiltinModel, request: T, faults: Faults) => Generated,
    ) =>
    async (c: AppContext) => {
      const read = await readRequestBody(c.req.raw, schema)
      if (!read.ok) return read.response
      const request = read.value
      const resolved = resolveModel(request.model, faultScope.builtin)
      const { builtin } = resolved
      // A request the scope does not cover is served as if it asked for no fault at all.
      const faults = (builtin ? faultScope.builtin : faultScope.proxied)
        ? mergeFaults(resolved.faults, headerFaults(c))
        : {}
      if (faults.http) return httpFaultResponse(faults.http, request.model)
      const delayMs = requestDelay(c, faults, options)
      if (!builtin) return forward(c, upstreamPath, read.raw, request.model)
      if (!request.stream && faults.stallAfter !== undefined) return stallUntilClosed(c)
      const generated = generate(builtin, request, faults)
      if (!request.stream) return c.json(generated.response())
      const stream = tracker.start({ path: c.req.path, model: builtin.id, source: 'builtin' })
      return sseResponse(generated.chunks(), {
        faults,
        delayMs,
        outgoing: c.env?.outgoing,
        onEnd: stream,
        onBytes: stream.sent,
      })
    }

  for (const base of BASE_PATHS) {
    app.get(`${base}/models`, async (c) => {
      // With an upstream the list is partly the upstream's: a production path.
      const faults = (options.upstream ? faultScope.proxied : faultScope.builtin) ? headerFaults(c) : {}
      if (faults.http) return httpFaultResponse(faults.http, undefined)
      if (faults.stallAfter !== undefined) return stallUntilClosed(c)
      const data: unknown[] = builtinModels.map((model) => ({
        id: model.id,
        object: 'model',
        created: CREATED,
        owned_by: 'kindling',
      }))
      if (options.upstream) {
        const upstream = await listUpstreamModels(options.upstream, c.req.raw.signal)
        if (upstream.error) log(`upstream models unavailable: ${upstream.error}`)
        data.push(...upstream.data)
      }
      return c.json({ object: 'list', data })
    })
    app.post(
      `${base}/chat/completions`,
      limitBody,
      generationRoute(ChatCompletionRequestSchema, '/chat/completions', generateChat),
    )
    app.post(
      `${base}/completions`,
      limitBody,
      generationRoute(CompletionRequestSchema, '/completions', generateCompletion),
    )
  }

  app.get('/kindling/streams', (c) => c.json(tracker.stats()))

  app.notFound((c) =>
    errorResponse(
      404,
      `No route ${c.req.method} ${c.req.path}. Try GET /v1/models or POST /v1/chat/completions.`,
      {
        code: 'not_found',
      },
    ),
  )
  app.onError((error, c) => {
    if (error instanceof BadRequest)
      return errorResponse(400, error.message, { code: 'invalid_value', param: error.param })
    if (error instanceof InvalidParamError)
      return errorResponse(400, error.message, { code: error.code, param: error.param })
    log(`error on ${c.req.method} ${c.req.path}: ${error.message}`)
    return errorResponse(500, 'The server had an error while processing your request.', {
      type: 'server_error',
      code: 'internal_error',
    })
  })
  return app
}
