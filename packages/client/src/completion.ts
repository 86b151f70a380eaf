import type { z } from 'zod/mini'
import {
  accumulateCompletionChunk,
  createCompletionAccumulator,
  toCompletionResponse,
} from './accumulateCompletion.ts'
import { type ClientConfig, type RequestOptions, sendRequest } from './request.ts'
import { buildRequestBody } from './requestBody.ts'
import {
  type CompletionRequestSchema,
  type CompletionResponse,
  CompletionResponseSchema,
  CompletionStreamResponseSchema,
} from './schemas.ts'
import { type CompletionStream, createStream } from './stream.ts'
import { parseJSONResponse, validateResponse } from './validate.ts'

type KnownFields<T extends z.ZodMiniObject> = z.output<z.ZodMiniObject<T['shape'], z.core.$strip>>

/** A prompt: one text, or several (one completion each). */
export type Prompt = string | readonly string[]

/**
 * Request parameters of a text completion: the known ones typed (`max_tokens`, `n`, `echo`,
 * `logprobs`, `stop`, …); any other key is sent as is.
 */
export type CompletionParams = Omit<
  KnownFields<typeof CompletionRequestSchema>,
  'model' | 'prompt' | 'stream'
> & {
  [key: string]: unknown
}

/** The options of `completion.create`: request parameters, `stream`, and the request options. */
export type CompletionCreateOptions = CompletionParams &
  RequestOptions & {
    /** Stream the text chunk by chunk (default false). */
    stream?: boolean
    /** The prompt, when not given as the second argument. */
    prompt?: Prompt
  }

/** `client.completion`. */
export interface CompletionAPI {
  /**
   * Creates a text completion. With `stream: true`, resolves with a {@link CompletionStream} as soon
   * as the response headers arrive; otherwise with the whole {@link CompletionResponse}.
   * `requestTimeout` (seconds, default 600) covers the whole request, streaming included.
   *
   * @example
   * const result = await client.completion.create('accounts/fireworks/models/llama-v3p1-8b-instruct', 'Once upon', {
   *   max_tokens: 16,
   * })
   * result.choices[0]?.text
   */
  create(
    model: string,
    prompt: Prompt | undefined,
    options: CompletionCreateOptions & { stream: true },
  ): Promise<CompletionStream>
  create(
    model: string,
    prompt?: Prompt,
    options?: CompletionCreateOptions & { stream?: false },
  ): Promise<CompletionResponse>
  create(
    model: string,
    prompt?: Prompt,
    options?: CompletionCreateOptions,
  ): Promise<CompletionResponse | CompletionStream>
}

const path = '/completions'

/** Binds the text completion endpoint to a client's configuration. */
export function createCompletionAPI(config: ClientConfig): CompletionAPI {
  async function create(
    model: string,
    prompt?: Prompt,
    options?: CompletionCreateOptions,
  ): Promise<CompletionResponse | CompletionStream> {
    const split = buildRequestBody(model, 'prompt', prompt, options, 'completion.create')
    const handle = await sendRequest(config, {
      method: 'POST',
      path,
      body: split.body,
      model,
      stream: split.stream,
      defaultTimeoutSeconds: 600,
      options: split.options,
    })
    if (split.stream) {
      return createStream(
        handle,
        {
          what: 'completion chunk',
          schema: CompletionStreamResponseSchema,
          initial: createCompletionAccumulator(),
          accumulate: accumulateCompletionChunk,
          toResponse: toCompletionResponse,
        },
        config.logger,
      )
    }
    const context = { what: 'completion', endpoint: handle.endpoint, model, headers: handle.response.headers }
    return validateResponse(
      CompletionResponseSchema,
      parseJSONResponse(handle.bodyText ?? '', context),
      context,
    )
  }
  return { create: create as CompletionAPI['create'] }
}
