import * as z from 'zod/mini'
import { looseObject } from './looseObject.ts'

// Wire types of the Fireworks AI inference API (OpenAI-compatible), defined once as zod schemas.
// Responses use loose objects: providers add fields of their own, and those pass through untouched.
// Optional fields accept `null` as well as absence, because real providers send both.

/** Token counts of one request. */
export const UsageInfoSchema = looseObject({
  prompt_tokens: z.number(),
  total_tokens: z.number(),
  completion_tokens: z.nullish(z.number()),
})
/** Token counts of one request. */
export type UsageInfo = z.infer<typeof UsageInfoSchema>

// Every response and chunk has the same envelope around its choices.
function responseOf<TChoice extends z.core.SomeType>(choice: TChoice) {
  return looseObject({
    id: z.string(),
    object: z.string(),
    created: z.number(),
    model: z.string(),
    choices: z.array(choice),
    usage: z.nullish(UsageInfoSchema),
  })
}

/** Log probabilities of a text completion choice (OpenAI legacy shape). */
export const CompletionLogprobsSchema = looseObject({
  tokens: z.nullish(z.array(z.string())),
  token_logprobs: z.nullish(z.array(z.nullable(z.number()))),
  top_logprobs: z.nullish(z.array(z.nullable(z.record(z.string(), z.number())))),
  text_offset: z.nullish(z.array(z.number())),
})
/** Log probabilities of a text completion choice. */
export type CompletionLogprobs = z.infer<typeof CompletionLogprobsSchema>

/** One candidate token with its log probability (chat shape). */
export const TokenLogprobSchema = looseObject({
  token: z.string(),
  logprob: z.number(),
  bytes: z.nullish(z.array(z.number())),
  top_logprobs: z.nullish(
    z.array(looseObject({ token: z.string(), logprob: z.number(), bytes: z.nullish(z.array(z.number())) })),
  ),
})
/** One candidate token with its log probability. */
export type TokenLogprob = z.infer<typeof TokenLogprobSchema>

/** Log probabilities of a chat choice. */
export const ChatLogprobsSchema = looseObject({
  content: z.nullish(z.array(TokenLogprobSchema)),
})
/** Log probabilities of a chat choice. */
export type ChatLogprobs = z.infer<typeof ChatLogprobsSchema>

/** A finished tool call on an assistant message. */
export const ToolCallSchema = looseObject({
  id: z.string(),
  type: z.literal('function'),
  function: looseObject({ name: z.string(), arguments: z.string() }),
})
/** A finished tool call on an assistant message. */
export type ToolCall = z.infer<typeof ToolCallSchema>

/** One streamed fragment of a tool call: `id` and `name` come on the first fragment only. */
export const ToolCallDeltaSchema = looseObject({
  index: z.int(),
  id: z.nullish(z.string()),
  type: z.nullish(z.literal('function')),
  function: z.nullish(looseObject({ name: z.nullish(z.string()), arguments: z.nullish(z.string()) })),
})
/** One streamed fragment of a tool call. */
export type ToolCallDelta = z.infer<typeof ToolCallDeltaSchema>

/** A part of a multi-part message content (text, image, …). */
export const ContentPartSchema = looseObject({ type: z.string() })
/** A part of a multi-part message content. */
export type ContentPart = z.infer<typeof ContentPartSchema>

/** A chat message as sent and received. */
export const ChatMessageSchema = looseObject({
  role: z.string(),
  content: z.nullish(z.union([z.string(), z.array(ContentPartSchema)])),
  name: z.nullish(z.string()),
  reasoning_content: z.nullish(z.string()),
  tool_calls: z.nullish(z.array(ToolCallSchema)),
  tool_call_id: z.nullish(z.string()),
})
/** A chat message as sent and received. */
export type ChatMessage = z.infer<typeof ChatMessageSchema>

/** The change a streamed chunk makes to one choice's message. */
export const DeltaMessageSchema = looseObject({
  role: z.nullish(z.string()),
  content: z.nullish(z.string()),
  reasoning_content: z.nullish(z.string()),
  tool_calls: z.nullish(z.array(ToolCallDeltaSchema)),
})
/** The change a streamed chunk makes to one choice's message. */
export type DeltaMessage = z.infer<typeof DeltaMessageSchema>

/** One choice of a text completion. */
export const ChoiceSchema = looseObject({
  index: z.int(),
  text: z.string(),
  logprobs: z.nullish(CompletionLogprobsSchema),
  finish_reason: z.nullish(z.string()),
})
/** One choice of a text completion. */
export type Choice = z.infer<typeof ChoiceSchema>

/** A text completion (`object: "text_completion"`). */
export const CompletionResponseSchema = responseOf(ChoiceSchema)
/** A text completion. */
export type CompletionResponse = z.infer<typeof CompletionResponseSchema>

/** One streamed chunk of a text completion. */
export const CompletionStreamResponseSchema = responseOf(ChoiceSchema)
/** One streamed chunk of a text completion. */
export type CompletionStreamResponse = z.infer<typeof CompletionStreamResponseSchema>

/** One choice of a chat completion. */
export const ChatCompletionResponseChoiceSchema = looseObject({
  index: z.int(),
  message: ChatMessageSchema,
  finish_reason: z.nullish(z.string()),
  logprobs: z.nullish(ChatLogprobsSchema),
})
/** One choice of a chat completion. */
export type ChatCompletionResponseChoice = z.infer<typeof ChatCompletionResponseChoiceSchema>

/** A chat completion (`object: "chat.completion"`). */
export const ChatCompletionResponseSchema = responseOf(ChatCompletionResponseChoiceSchema)
/** A chat completion. */
export type ChatCompletionResponse = z.infer<typeof ChatCompletionResponseSchema>

/** One choice of a streamed chat chunk. */
export const ChatCompletionResponseStreamChoiceSchema = looseObject({
  index: z.int(),
  // Some providers omit `delta` on the final chunk that only carries finish_reason.
  delta: z._default(DeltaMessageSchema, {}),
  finish_reason: z.nullish(z.string()),
  logprobs: z.nullish(ChatLogprobsSchema),
})
/** One choice of a streamed chat chunk. */
export type ChatCompletionResponseStreamChoice = z.infer<typeof ChatCompletionResponseStreamChoiceSchema>

/** One streamed chunk of a chat completion (`object: "chat.completion.chunk"`). */
export const ChatCompletionStreamResponseSchema = responseOf(ChatCompletionResponseStreamChoiceSchema)
/** One streamed chunk of a chat completion. */
export type ChatCompletionStreamResponse = z.infer<typeof ChatCompletionStreamResponseSchema>

/** A model the server offers. */
export const ModelSchema = looseObject({
  id: z.string(),
  object: z.string(),
  created: z.nullish(z.number()),
  owned_by: z.nullish(z.string()),
})
/** A model the server offers. */
export type Model = z.infer<typeof ModelSchema>

/** The model list (`object: "list"`). */
export const ListModelsResponseSchema = looseObject({
  object: z.string(),
  data: z.array(ModelSchema),
})
/** The model list. */
export type ListModelsResponse = z.infer<typeof ListModelsResponseSchema>

/** The error body OpenAI-compatible servers send: `{ "error": { message, type, code, param } }`. */
export const ErrorBodySchema = looseObject({
  error: looseObject({
    message: z.string(),
    type: z.nullish(z.string()),
    code: z.nullish(z.union([z.string(), z.number()])),
    param: z.nullish(z.string()),
  }),
})
/** The error body OpenAI-compatible servers send. */
export type ErrorBody = z.infer<typeof ErrorBodySchema>
