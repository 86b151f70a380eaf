import {
  ChatCompletionRequestSchema as ClientChatCompletionRequestSchema,
  CompletionRequestSchema as ClientCompletionRequestSchema,
} from '@kindling/client'
import { z } from 'zod'

/**
 * What the server accepts on `POST …/chat/completions`: the client's request schema, plus OpenAI's
 * newer `max_completion_tokens`. Unknown fields pass through (upstreams take extra parameters).
 */
export const ChatCompletionRequestSchema = ClientChatCompletionRequestSchema.extend({
  max_completion_tokens: z.number().int().positive().nullish(),
})

/** What the server accepts on `POST …/completions`: the client's schema, with at least one prompt. */
export const CompletionRequestSchema = ClientCompletionRequestSchema.extend({
  prompt: z.union([z.string(), z.array(z.string()).min(1)]),
})

/** A validated chat completion request. */
export type ChatRequest = z.infer<typeof ChatCompletionRequestSchema>
/** A validated completion request. */
export type CompletionRequest = z.infer<typeof CompletionRequestSchema>
/** One message of a chat request. */
export type ChatRequestMessage = ChatRequest['messages'][number]
/** One tool a chat request offers. */
export type ChatRequestTool = NonNullable<ChatRequest['tools']>[number]
