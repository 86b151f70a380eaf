import {
  ChatCompletionRequestSchema as ClientChatCompletionRequestSchema,
  ChatRequestMessageSchema as ClientChatRequestMessageSchema,
  CompletionRequestSchema as ClientCompletionRequestSchema,
} from '@kindling/client/schemas'
import * as z from 'zod/mini'

// The client's schemas are zod/mini schemas, so they are extended with zod/mini's functions.
// Content parts and `response_format` are only required to name a `type` here: upstreams take kinds
// the client does not type (audio, files, new formats), and the built-in models check the ones they
// read part by part (contentParts.ts, responseFormat.ts), naming the exact part in a 400.
const AnyContentPartSchema = z.looseObject({ type: z.string() })
const AnyResponseFormatSchema = z.optional(z.looseObject({ type: z.string() }))
const MessageSchema = z.extend(ClientChatRequestMessageSchema, {
  content: z.nullish(z.union([z.string(), z.array(AnyContentPartSchema)])),
})

/**
 * What the server accepts on `POST …/chat/completions`: the client's request schema, plus OpenAI's
 * newer `max_completion_tokens`. Unknown fields pass through (upstreams take extra parameters).
 */
export const ChatCompletionRequestSchema = z.extend(ClientChatCompletionRequestSchema, {
  messages: z.array(MessageSchema).check(z.minLength(1)),
  response_format: AnyResponseFormatSchema,
  max_completion_tokens: z.nullish(z.int().check(z.positive())),
})

/** What the server accepts on `POST …/completions`: the client's schema, with at least one prompt. */
export const CompletionRequestSchema = z.extend(ClientCompletionRequestSchema, {
  response_format: AnyResponseFormatSchema,
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
