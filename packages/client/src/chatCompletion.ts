import type { z } from 'zod/mini'
import { accumulateChatChunk, createChatAccumulator, toChatCompletionResponse } from './accumulateChat.ts'
import { isChatChunk } from './chunkGuards.ts'
import { generate } from './generate.ts'
import { normalizeChatChunk, normalizeChatResponse } from './normalize.ts'
import type { ClientConfig, RequestOptions } from './request.ts'
import type { ChatCompletionRequestSchema, ChatRequestMessage } from './requestSchemas.ts'
import { type ResumeStreamOptions, resumeStream } from './resumeStream.ts'
import type { ChatCompletionResponse, ChatMessage, ChatRole } from './schemas.ts'
import type { ChatCompletionStream } from './stream.ts'

type KnownFields<T extends z.ZodMiniObject> = z.output<z.ZodMiniObject<T['shape'], z.core.$strip>>

/**
 * The messages of a chat request (`role` one of {@link ChatRole}'s); messages from a response can be
 * sent back as they are.
 */
export type ChatMessages = readonly (ChatRequestMessage | ChatMessage)[]

/**
 * Request parameters of a chat completion: the known Fireworks/OpenAI ones typed (`max_tokens`,
 * `temperature`, `tools`, `response_format`, …); any other key is sent as is.
 */
export type ChatCompletionParams = Omit<
  KnownFields<typeof ChatCompletionRequestSchema>,
  'model' | 'messages' | 'stream'
> & {
  [key: string]: unknown
}

/** The options of `chatCompletion.create`: request parameters, `stream`, and the request options. */
export type ChatCompletionCreateOptions = ChatCompletionParams &
  RequestOptions & {
    /** Stream the answer chunk by chunk (default false). */
    stream?: boolean
    /** The messages, when not given as the second argument. */
    messages?: ChatMessages
  }

/** `client.chatCompletion`. */
export interface ChatCompletionAPI {
  /**
   * Creates a chat completion. With `stream: true`, resolves with a {@link ChatCompletionStream} as
   * soon as the response headers arrive; otherwise with the whole {@link ChatCompletionResponse}.
   * `requestTimeout` (seconds, default 600) covers the whole request, streaming included.
   *
   * @example
   * const answer = await client.chatCompletion.create('accounts/fireworks/models/llama-v3p1-8b-instruct', [
   *   { role: 'user', content: 'Say hello' },
   * ])
   * answer.choices[0]?.message.content
   */
  create(
    model: string,
    messages: ChatMessages | undefined,
    options: ChatCompletionCreateOptions & { stream: true },
  ): Promise<ChatCompletionStream>
  create(
    model: string,
    messages?: ChatMessages,
    options?: ChatCompletionCreateOptions & { stream?: false },
  ): Promise<ChatCompletionResponse>
  create(
    model: string,
    messages?: ChatMessages,
    options?: ChatCompletionCreateOptions,
  ): Promise<ChatCompletionResponse | ChatCompletionStream>
  /**
   * Reads again a stream `@kindling/server` keeps (its `x-kindling-stream-id` header), from the event
   * after `options.after`: what was missed, then the rest live. Streams from `create` already resume
   * by themselves after a drop; this is for a reader that starts over (a reloaded page, another tab).
   *
   * @example
   * const stream = await client.chatCompletion.resume(id, { after: 12 })
   */
  resume(streamId: string, options?: ResumeStreamOptions): Promise<ChatCompletionStream>
}

/** How a chat completion stream is read: checked, normalized and accumulated chunk by chunk. */
export const chatStreamSpec = () => ({
  what: 'chat completion chunk',
  isChunk: isChatChunk,
  schema: 'ChatCompletionStreamResponseSchema' as const,
  normalize: normalizeChatChunk,
  initial: createChatAccumulator(),
  accumulate: accumulateChatChunk,
  toResponse: toChatCompletionResponse,
})

const endpoint = {
  path: '/chat/completions',
  inputKey: 'messages',
  method: 'chatCompletion.create',
  what: 'chat completion',
  responseSchema: 'ChatCompletionResponseSchema',
  normalizeResponse: normalizeChatResponse,
  streamSpec: chatStreamSpec,
} as const

/** Binds the chat completion endpoint to a client's configuration. */
export function createChatCompletionAPI(config: ClientConfig): ChatCompletionAPI {
  const create = (model: string, messages?: ChatMessages, options?: ChatCompletionCreateOptions) =>
    generate(config, endpoint, model, messages, options)
  return {
    create: create as ChatCompletionAPI['create'],
    resume: (streamId, options) =>
      resumeStream(config, endpoint, streamId, options) as Promise<ChatCompletionStream>,
  }
}
