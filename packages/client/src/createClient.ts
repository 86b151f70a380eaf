import { type ChatCompletionAPI, createChatCompletionAPI } from './chatCompletion.ts'
import { type CompletionAPI, createCompletionAPI } from './completion.ts'
import { InvalidArgumentError } from './errors.ts'
import { createLogger, isNodeRuntime, type LogLevel, type LogSink } from './logger.ts'
import { createModelsAPI, type ModelsAPI } from './models.ts'
import type { ClientConfig } from './request.ts'

/** The Fireworks AI inference API, the default `baseURL` of every client. */
export const DEFAULT_BASE_URL = 'https://api.fireworks.ai/inference/v1'

/** The options of {@link createClient}; all optional. */
export interface ClientOptions {
  /**
   * Sent as `Authorization: Bearer …`. Defaults to `FIREWORKS_API_KEY` when running in Node; pass
   * `null` to send no key (for example to a `@kindling/server` proxy, which adds its own).
   */
  apiKey?: string | null | undefined
  /**
   * Where the API lives (default {@link DEFAULT_BASE_URL}). Any OpenAI-compatible server works;
   * a relative URL such as `/v1` works in browsers.
   */
  baseURL?: string | undefined
  /** The `fetch` to use (default `globalThis.fetch`), e.g. to add tracing or run in a test. */
  fetch?: typeof fetch | undefined
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined
  /** Retries after a connection error, 408, 409, 429 or 5xx (default 2). */
  maxRetries?: number | undefined
  /**
   * Ask the server to keep generating a streamed answer while this client reconnects after a drop
   * (the `x-kindling-resumable: 1` header, for `@kindling/server` started with `resumable`). Default
   * `false`: that header is not CORS-safelisted, so a browser would send a preflight the server has to
   * allow. Streams the server numbers (its `x-kindling-stream-id`) are resumed after a drop either way.
   */
  resumable?: boolean | undefined
  /** Minimum level this client logs (default: the level of {@link setConsoleLogLevel}). */
  logLevel?: LogLevel | undefined
  /** Where log lines go (default `console`). */
  logSink?: LogSink | undefined
}

/** A client for one API: completions, chat completions and models. */
export interface KindlingClient {
  /** The base URL requests go to. */
  readonly baseURL: string
  /** Text completions (`POST /completions`). */
  readonly completion: CompletionAPI
  /** Chat completions (`POST /chat/completions`). */
  readonly chatCompletion: ChatCompletionAPI
  /** The model list (`GET /models`). */
  readonly models: ModelsAPI
}

function envApiKey(): string | undefined {
  if (!isNodeRuntime()) return undefined
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
  const key = env?.FIREWORKS_API_KEY
  return key ? key : undefined
}

/**
 * Creates a client. Nothing is sent until a call is made.
 *
 * @example
 * const client = createClient({ apiKey: 'fw_…' })
 * const stream = await client.chatCompletion.create(model, messages, { stream: true })
 * for await (const chunk of stream) output.append(chunk.choices[0]?.delta.content ?? '')
 *
 * @example
 * // In a browser, through the @kindling/server proxy: no key in the page.
 * const client = createClient({ baseURL: '/v1' })
 */
export function createClient(options: ClientOptions = {}): KindlingClient {
  const maxRetries = options.maxRetries ?? 2
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new InvalidArgumentError('createClient: `maxRetries` must be a whole number ≥ 0')
  }
  const baseURL = options.baseURL ?? DEFAULT_BASE_URL
  const customFetch = options.fetch
  const config: ClientConfig = {
    apiKey: options.apiKey === null ? undefined : (options.apiKey ?? envApiKey()),
    baseURL,
    // Looked up on each call (not captured) so `globalThis.fetch` is called unbound-safe.
    fetch: customFetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers: { ...options.headers },
    maxRetries,
    resumable: options.resumable === true,
    logger: createLogger(options.logLevel, options.logSink),
  }
  return {
    baseURL,
    completion: createCompletionAPI(config),
    chatCompletion: createChatCompletionAPI(config),
    models: createModelsAPI(config),
  }
}
