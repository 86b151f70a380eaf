import type { PartialResponse } from './errors.ts'
import type { SchemaName } from './explainRejection.ts'
import { perfMetricsFromHeaders } from './perfMetrics.ts'
import { type ClientConfig, sendRequest } from './request.ts'
import { buildRequestBody } from './requestBody.ts'
import { RESUMABLE_HEADER, resumableHandle } from './resumableBody.ts'
import { createStream, type KindlingStream, type StreamSpec } from './stream.ts'
import { parseJSONResponse, validateResponse } from './validate.ts'

// What completions and chat completions share: build the body, send it, then either wrap the SSE
// body in a stream or validate the JSON answer. Each endpoint supplies only what differs.

/** The parts of a generation endpoint that differ between completions and chat completions. */
export interface GenerationEndpoint<TChunk, TState, TResponse> {
  path: string
  /** Where the positional argument goes in the body. */
  inputKey: 'prompt' | 'messages'
  /** The method name, for argument errors, e.g. `completion.create`. */
  method: string
  /** For validation messages, e.g. `completion`. */
  what: string
  /** The zod schema a whole response is checked with (loaded on first use). */
  responseSchema: SchemaName
  /** What the client fills in on an accepted response (`normalize.ts`). */
  normalizeResponse(value: unknown): TResponse
  /** A fresh stream spec per request (its `initial` state is per stream). */
  streamSpec(): StreamSpec<TChunk, TState, TResponse>
}

/** Sends one generation request: a stream with `stream: true`, else the validated response. */
export async function generate<TChunk, TState, TResponse extends PartialResponse>(
  config: ClientConfig,
  endpoint: GenerationEndpoint<TChunk, TState, TResponse>,
  model: string,
  input: unknown,
  options: Record<string, unknown> | undefined,
): Promise<TResponse | KindlingStream<TChunk, TResponse>> {
  const split = buildRequestBody(model, endpoint.inputKey, input, options, endpoint.method)
  // A streamed answer asks the server to keep generating while this client reconnects, only when
  // the client opted in: the header is not CORS-safelisted, so it costs a browser a preflight.
  if (split.stream && config.resumable && split.options.maxResumes !== 0)
    split.options = { ...split.options, headers: { [RESUMABLE_HEADER]: '1', ...split.options.headers } }
  const handle = await sendRequest(config, {
    method: 'POST',
    path: endpoint.path,
    body: split.body,
    model,
    stream: split.stream,
    defaultTimeoutSeconds: 600,
    options: split.options,
  })
  if (split.stream) {
    const resumable = resumableHandle(config, handle, {
      headers: split.options.headers,
      maxResumes: split.options.maxResumes,
    })
    return createStream(resumable, endpoint.streamSpec(), config.logger)
  }
  const context = { what: endpoint.what, endpoint: handle.endpoint, model, headers: handle.response.headers }
  const json = await validateResponse(
    endpoint.responseSchema,
    parseJSONResponse(handle.bodyText ?? '', context),
    context,
  )
  const response = endpoint.normalizeResponse(json)
  // Fireworks sends its metrics as headers; they are kept on the response unless it has its own.
  const fromHeaders = perfMetricsFromHeaders(handle.response.headers)
  if (fromHeaders !== undefined) response.perf_metrics = { ...fromHeaders, ...response.perf_metrics }
  return response
}
