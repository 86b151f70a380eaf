import type { z } from 'zod/mini'
import {
  accumulateCompletionChunk,
  createCompletionAccumulator,
  toCompletionResponse,
} from './accumulateCompletion.ts'
import { isCompletionChunk } from './chunkGuards.ts'
import { generate } from './generate.ts'
import { normalizeCompletion } from './normalize.ts'
import type { ClientConfig, RequestOptions } from './request.ts'
import type { CompletionRequestSchema } from './requestSchemas.ts'
import type { CompletionResponse } from './schemas.ts'
import type { CompletionStream } from './stream.ts'

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

/** How a text completion stream is read: checked, normalized and accumulated chunk by chunk. */
export const completionStreamSpec = () => ({
  what: 'completion chunk',
  isChunk: isCompletionChunk,
  schema: 'CompletionResponseSchema' as const,
  normalize: normalizeCompletion,
  initial: createCompletionAccumulator(),
  accumulate: accumulateCompletionChunk,
  toResponse: toCompletionResponse,
})

const endpoint = {
  path: '/completions',
  inputKey: 'prompt',
  method: 'completion.create',
  what: 'completion',
  responseSchema: 'CompletionResponseSchema',
  normalizeResponse: normalizeCompletion,
  streamSpec: completionStreamSpec,
} as const

/** Binds the completion endpoint to a client's configuration. */
export function createCompletionAPI(config: ClientConfig): CompletionAPI {
  const create = (model: string, prompt?: Prompt, options?: CompletionCreateOptions) =>
    generate(config, endpoint, model, prompt, options)
  return { create: create as CompletionAPI['create'] }
}
