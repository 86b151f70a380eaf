import {
  ChatCompletionRequestSchema as ClientChatCompletionRequestSchema,
  CompletionRequestSchema as ClientCompletionRequestSchema,
} from '@kindling/client/schemas'
import * as z from 'zod/mini'

// The client's schemas are zod/mini schemas, so they are extended with zod/mini's functions.

/**
 * What the server accepts on `POST …/chat/completions`: the client's request schema, plus OpenAI's
 * newer `max_completion_tokens`. Unknown fields pass through (upstreams take extra parameters).
 */
export const ChatCompletionRequestSchema = z.extend(ClientChatCompletionRequestSchema, {
  max_completion_tokens: z.nullish(z.int().check(z.positive())),
})

/** What the server accepts on `POST …/completions`: the client's schema, with at least one prompt. */
export const CompletionRequestSchema = z.extend(ClientCompletionRequestSchema, {
  prompt: z.union([z.string(), z.array(z.string()).check(z.minLength(1))]),
})

/** A validated chat completion request. */
export type ChatRequest = z.infer<typeof ChatCompletionRequestSchema>
/** A validated completion request. */
export type CompletionRequest = z.infer<typeof CompletionRequestSchema>
/** One message of a chat request. */
export type ChatRequestMessage = ChatRequest['messages'][number]
/** One tool a chat request offers. */
export type ChatRequestTool = NonNullable<ChatRequest['tools']>[number]
