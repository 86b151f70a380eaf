import type { PartialResponse } from './errors.ts'
import type { GenerationEndpoint } from './generate.ts'
import { type ClientConfig, type RequestOptions, sendRequest } from './request.ts'
import { RESUME_TOKEN_HEADER, resumableHandle } from './resumableBody.ts'
import { createStream, type KindlingStream } from './stream.ts'

/** The options of `chatCompletion.resume`. */
export interface ResumeStreamOptions extends RequestOptions {
  /** The number of the last event already received (`<streamId>:<n>` ids); default 0, the whole stream. */
  after?: number | undefined
  /**
   * The `x-kindling-resume-token` header of the response that started the stream, needed when it
   * was started without an API key (the server binds such streams to this token).
   */
  resumeToken?: string | undefined
}

/**
 * Reads a stream a `@kindling/server` keeps, from the event after `options.after`, as a stream of
 * the endpoint's kind; the accumulated answer covers the events read here. A stream that expired
 * or was started with other credentials fails with `NotFoundError`.
 */
export async function resumeStream<TChunk, TState, TResponse extends PartialResponse>(
  config: ClientConfig,
  endpoint: GenerationEndpoint<TChunk, TState, TResponse>,
  streamId: string,
  options: ResumeStreamOptions = {},
): Promise<KindlingStream<TChunk, TResponse>> {
  const { after = 0, resumeToken, ...requestOptions } = options
  const headers = { ...requestOptions.headers }
  if (resumeToken) headers[RESUME_TOKEN_HEADER] = resumeToken
  const handle = await sendRequest(config, {
    method: 'GET',
    path: `/kindling/streams/${encodeURIComponent(streamId)}?after=${after}`,
    stream: true,
    defaultTimeoutSeconds: 600,
    options: { ...requestOptions, headers },
  })
  const resumable = resumableHandle(config, handle, {
    headers: requestOptions.headers,
    resumeToken,
    maxResumes: requestOptions.maxResumes,
    after,
  })
  return createStream(resumable, endpoint.streamSpec(), config.logger)
}
