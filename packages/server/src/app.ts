import type { HttpBindings } from '@hono/node-server'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { z } from 'zod/mini'
import { createClientSlots } from './clientSlots.ts'
import { errorResponse } from './errors.ts'
import { escapeControls } from './escapeControls.ts'
import { type Faults, httpFaultResponse, mergeFaults, parseFaults, splitModelFaults } from './faults.ts'
import { type Generated, generateChat, generateCompletion } from './generate.ts'
import { InvalidParamError } from './invalidParam.ts'
import { createMemoryStreamStore } from './memoryStreamStore.ts'
import { type BuiltinModel, builtinModels, findBuiltinModel } from './models/index.ts'
import {
  DEFAULT_CORS_ORIGINS,
  DEFAULT_FAULTS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_UPSTREAM_STREAMS_PER_CLIENT,
  DEFAULT_STREAM_GRACE_MS,
  DEFAULT_WORK_LIMITS,
  faultScopeOf,
  resumableOptionsOf,
  type ServerOptions,
  type WorkLimits,
} from './options.ts'
import { forwardToUpstream, listUpstreamModels } from './proxy.ts'
import { readRequestBody } from './readRequestBody.ts'
import { createRedactor } from './redact.ts'
import { requestGuard, requireJson } from './requestGuard.ts'
import { requestIdMiddleware } from './requestId.ts'
import { ChatCompletionRequestSchema, CompletionRequestSchema } from './requestSchemas.ts'
import { newStreamId, RESUMABLE_HEADER, RESUME_TOKEN_HEADER, streamOwner } from './resumableStream.ts'
import type { ResumeContext } from './resumeContext.ts'
import { registerResumeRoutes } from './resumeRoutes.ts'
import { sseResponse } from './sseResponse.ts'
import { StreamStoreFull } from './streamStore.ts'
import { createStreamTracker } from './streamTracker.ts'
import { displayUpstreamUrl, resolveUpstream } from './upstream.ts'
import { whenClosing } from './whenClosing.ts'
import { checkRequestedDelay, LimitExceeded } from './workLimits.ts'

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

/** The per-chunk delay, and which request field asked for it (none: the server's own, not capped). */
function requestDelay(c: AppContext, faults: Faults, options: ServerOptions): { ms: number; param?: string } {
  if (faults.delayMs !== undefined) return { ms: faults.delayMs, param: 'delay' }
  const header = c.req.header(DELAY_HEADER)
  if (header === undefined) return { ms: options.delayMs ?? 0 }
  const delay = Number(header)
  if (!Number.isFinite(delay) || delay < 0) {
    throw new BadRequest(
      `Invalid ${DELAY_HEADER} header: expected milliseconds, got '${header}'.`,
      DELAY_HEADER,
    )
  }
  return { ms: delay, param: DELAY_HEADER }
}

// Built-in models take a fault suffix (`kindling-echo+cut=3`) when faults are on for them; other
// names are left alone. With `builtins` off no name is a built-in model.
function resolveModel(
  requested: string,
  suffixFaults: boolean,
  builtins: boolean,
): { builtin: BuiltinModel | undefined; faults: Faults } {
  if (!builtins) return { builtin: undefined, faults: {} }
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
function stallUntilClosed(c: AppContext, release: () => void = () => {}): Promise<Response> {
  return new Promise((resolve) => {
    const signal = c.req.raw.signal
    const answer = () => {
      release()
      resolve(new Response(null, { status: 499 }))
    }
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
  const upstream = options.upstream ? resolveUpstream(options.upstream) : undefined
  const redact = createRedactor(upstream?.secrets ?? [])
  const sink = options.log
  // Defence in depth: whatever a log line quotes (an upstream error, a request path), the key never
  // gets out and the line stays one readable line.
  const log = (line: string) => sink?.(escapeControls(redact(line)))
  const streamLimit = options.maxUpstreamStreamsPerClient ?? DEFAULT_MAX_UPSTREAM_STREAMS_PER_CLIENT
  const streamSlots = createClientSlots(streamLimit)
  const limits: WorkLimits = { ...DEFAULT_WORK_LIMITS, ...options.limits }
  const builtins = options.builtins ?? true
  const clientIdOf = (c: AppContext) => {
    const address = c.env?.incoming?.socket?.remoteAddress
    return options.clientId ? options.clientId(c.req.raw, address) : (address ?? 'unknown')
  }
  const cors = options.cors ?? (upstream ? DEFAULT_CORS_ORIGINS : [])
  if (upstream && cors === '*') {
    console.warn(
      `\n  WARNING (kindling-server): cors is '*' while the proxy holds an API key for ${displayUpstreamUrl(upstream.url)}.\n  Any web page you visit can spend that key. List the origins that need it instead (--cors / KINDLING_CORS / cors).\n`,
    )
  }
  /** A 429 when the client already holds its share of streams, else the release function. */
  const takeSlot = (c: AppContext): { release: () => void; refused?: undefined } | { refused: Response } => {
    const release = streamSlots.acquire(clientIdOf(c))
    if (release) return { release }
    log(`429 for ${c.req.path}: client already has ${streamLimit} streams or upstream requests open`)
    return {
      refused: errorResponse(
        429,
        `Too many concurrent upstream requests from this client: ${streamLimit} are already open (forwarded requests and streams count). Wait for one to finish, then retry.`,
        { type: 'rate_limit_error', code: 'too_many_concurrent_requests', headers: { 'retry-after': '1' } },
      ),
    }
  }
  const faultScope = faultScopeOf(options.faults ?? DEFAULT_FAULTS)
  // Off by default: then no store exists and answers stream straight to their reader.
  const resumable = resumableOptionsOf(options.resumable)
  const store = resumable ? (resumable.store ?? createMemoryStreamStore(resumable.limits)) : undefined
  const graceMs = resumable?.graceMs ?? DEFAULT_STREAM_GRACE_MS
  const onClosing = whenClosing(options.signal)
  /**
   * Registers a new resumable stream, or the 503 when the store cannot take it; `undefined` when
   * streams are not resumable.
   */
  const openStream = async (c: AppContext): Promise<ResumeContext | Response | undefined> => {
    if (!store) return undefined
    const streamId = newStreamId()
    const { owner, token } = streamOwner(c.req.header('authorization'))
    try {
      await store.open(streamId, owner)
    } catch (error) {
      const full = error instanceof StreamStoreFull
      log(`503 for ${c.req.path}: stream store ${full ? 'full' : 'unavailable'}: ${(error as Error).message}`)
      return errorResponse(
        503,
        full
          ? 'The server is keeping as many streams as it can (stream store full). Retry in a moment.'
          : 'The stream store is unavailable. Retry in a moment; the server log says why.',
        { type: 'server_error', code: 'stream_store_unavailable', headers: { 'retry-after': '1' } },
      )
    }
    return {
      store,
      streamId,
      resumable: c.req.header(RESUMABLE_HEADER) === '1',
      graceMs,
      headers: token ? { [RESUME_TOKEN_HEADER]: token } : {},
      onStoreError: (error) => log(`stream store error: ${(error as Error).message}`),
      onClosing,
    }
  }

  app.use('*', async (c, next) => {
    await next()
    log(`${c.req.method} ${c.req.path} ${c.res.status}`)
  })
  app.use('*', requestIdMiddleware())
  app.use(
    '*',
    ...requestGuard({
      cors,
      loopbackOrigins: options.cors === undefined && !upstream,
      allowedHosts: options.allowedHosts ?? [],
      proxy: upstream !== undefined,
    }),
  )

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

  const forward = async (c: AppContext, path: string, raw: string, model: string, stream: boolean) => {
    if (!upstream) {
      return errorResponse(404, `The model '${model}' does not exist or you do not have access to it.`, {
        code: 'model_not_found',
        param: 'model',
      })
    }
    const slot = takeSlot(c)
    if (slot.refused) return slot.refused
    const resume = stream ? await openStream(c) : undefined
    if (resume instanceof Response) {
      slot.release()
      return resume
    }
    return forwardToUpstream(upstream, path, c.req.raw, raw, {
      resume,
      redact,
      log,
      onStream: () => tracker.start({ path: c.req.path, model, source: 'proxied' }),
      onSettled: slot.release,
    }).catch((error: unknown) => {
      slot.release()
      throw error
    })
  }

  // One handler for both generation routes: validate, apply faults, then run a built-in model or
  // forward upstream.
  const generationRoute =
    <T extends { model: string; stream?: boolean | undefined }>(
      schema: z.ZodMiniType<T>,
      upstreamPath: string,
      generate: (model: BuiltinModel, request: T, limits: WorkLimits, faults: Faults) => Generated,
    ) =>
    async (c: AppContext) => {
      const read = await readRequestBody(c.req.raw, schema)
      if (!read.ok) return read.response
      const request = read.value
      const resolved = resolveModel(request.model, faultScope.builtin, builtins)
      const { builtin } = resolved
      // A request the scope does not cover is served as if it asked for no fault at all.
      const faults = (builtin ? faultScope.builtin : faultScope.proxied)
        ? mergeFaults(resolved.faults, headerFaults(c))
        : {}
      if (faults.http) return httpFaultResponse(faults.http, request.model)
      const delay = requestDelay(c, faults, options)
      if (!builtin) return forward(c, upstreamPath, read.raw, request.model, request.stream === true)
      if (delay.param) checkRequestedDelay(delay.ms, 1, limits, delay.param)
      if (!request.stream && faults.stallAfter !== undefined) {
        const slot = takeSlot(c)
        return slot.refused ?? stallUntilClosed(c, slot.release)
      }
      const generated = generate(builtin, request, limits, faults)
      if (!request.stream) return c.json(generated.response())
      const chunks = generated.chunks()
      if (delay.param) checkRequestedDelay(delay.ms, chunks.length, limits, delay.param)
      // Built-in streams count against the same per-client cap as upstream requests.
      const slot = takeSlot(c)
      if (slot.refused) return slot.refused
      const resume = await openStream(c)
      if (resume instanceof Response) {
        slot.release()
        return resume
      }
      const stream = tracker.start({ path: c.req.path, model: builtin.id, source: 'builtin' })
      return sseResponse(chunks, {
        ...(resume ? { resume } : {}),
        faults,
        delayMs: delay.ms,
        outgoing: c.env?.outgoing,
        onEnd: (end) => {
          slot.release()
          stream(end)
        },
        onBytes: stream.sent,
      })
    }

  for (const base of BASE_PATHS) {
    app.get(`${base}/models`, async (c) => {
      // With an upstream the list is partly the upstream's: a production path.
      const faults = (options.upstream ? faultScope.proxied : faultScope.builtin) ? headerFaults(c) : {}
      if (faults.http) return httpFaultResponse(faults.http, undefined)
      if (faults.stallAfter !== undefined) {
        const slot = takeSlot(c)
        return slot.refused ?? stallUntilClosed(c, slot.release)
      }
      const data: unknown[] = builtins
        ? builtinModels.map((model) => ({
            id: model.id,
            object: 'model',
            created: CREATED,
            owned_by: 'kindling',
            supports_image_input: model.supportsImageInput === true,
          }))
        : []
      if (upstream) {
        const listed = await listUpstreamModels(upstream, redact, c.req.raw.signal)
        if (listed.error) log(`upstream models unavailable: ${listed.error}`)
        data.push(...listed.data)
      }
      return c.json({ object: 'list', data })
    })
    app.post(
      `${base}/chat/completions`,
      requireJson,
      limitBody,
      generationRoute(ChatCompletionRequestSchema, '/chat/completions', generateChat),
    )
    app.post(
      `${base}/completions`,
      requireJson,
      limitBody,
      generationRoute(CompletionRequestSchema, '/completions', generateCompletion),
    )
    if (store) registerResumeRoutes(app, base, store, log)
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
    if (error instanceof LimitExceeded)
      return errorResponse(error.status, error.message, { code: 'limit_exceeded', param: error.param })
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
