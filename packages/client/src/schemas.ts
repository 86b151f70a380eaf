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
export const CompletionResponseSchema = looseObject({
  id: z.string(),
  object: z.string(),
  created: z.number(),
  model: z.string(),
  choices: z.array(ChoiceSchema),
  usage: z.nullish(UsageInfoSchema),
})
/** A text completion. */
export type CompletionResponse = z.infer<typeof CompletionResponseSchema>

/** One streamed chunk of a text completion. */
export const CompletionStreamResponseSchema = looseObject({
  id: z.string(),
  object: z.string(),
  created: z.number(),
  model: z.string(),
  choices: z.array(ChoiceSchema),
  usage: z.nullish(UsageInfoSchema),
})
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
export const ChatCompletionResponseSchema = looseObject({
  id: z.string(),
  object: z.string(),
  created: z.number(),
  model: z.string(),
  choices: z.array(ChatCompletionResponseChoiceSchema),
  usage: z.nullish(UsageInfoSchema),
})
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
export const ChatCompletionStreamResponseSchema = looseObject({
  id: z.string(),
  object: z.string(),
  created: z.number(),
  model: z.string(),
  choices: z.array(ChatCompletionResponseStreamChoiceSchema),
  usage: z.nullish(UsageInfoSchema),
})
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

// ---- Requests: what a client sends. Known parameters are typed; unknown ones pass through. ----

/** The roles a request message may have. */
export const ChatRoleSchema = z.enum(['system', 'developer', 'user', 'assistant', 'tool'])
/** The roles a request message may have. */
export type ChatRole = z.infer<typeof ChatRoleSchema>

/** A message in a chat request. */
export const ChatRequestMessageSchema = looseObject({
  role: ChatRoleSchema,
  content: z.nullish(z.union([z.string(), z.array(ContentPartSchema)])),
  name: z.optional(z.string()),
  tool_calls: z.optional(z.array(ToolCallSchema)),
  tool_call_id: z.optional(z.string()),
})
/** A message in a chat request. */
export type ChatRequestMessage = z.infer<typeof ChatRequestMessageSchema>

/** A function tool the model may call. */
export const ToolSchema = looseObject({
  type: z.literal('function'),
  function: looseObject({
    name: z.string().check(z.minLength(1)),
    description: z.optional(z.string()),
    parameters: z.optional(z.record(z.string(), z.unknown())),
  }),
})
/** A function tool the model may call. */
export type Tool = z.infer<typeof ToolSchema>

/** Sampling and output parameters shared by completions and chat completions. */
export const SamplingParamsSchema = looseObject({
  max_tokens: z.optional(z.int().check(z.positive())),
  temperature: z.optional(z.number().check(z.gte(0), z.lte(2))),
  top_p: z.optional(z.number().check(z.gte(0), z.lte(1))),
  top_k: z.optional(z.int().check(z.gte(0))),
  n: z.optional(z.int().check(z.gte(1), z.lte(128))),
  stop: z.nullish(z.union([z.string(), z.array(z.string()).check(z.maxLength(4))])),
  presence_penalty: z.optional(z.number().check(z.gte(-2), z.lte(2))),
  frequency_penalty: z.optional(z.number().check(z.gte(-2), z.lte(2))),
  repetition_penalty: z.optional(z.number().check(z.positive())),
  seed: z.optional(z.int()),
  user: z.optional(z.string()),
  stream: z.optional(z.boolean()),
  stream_options: z.nullish(looseObject({ include_usage: z.optional(z.boolean()) })),
  response_format: z.optional(looseObject({ type: z.string() })),
})
/** Sampling and output parameters shared by completions and chat completions. */
export type SamplingParams = z.infer<typeof SamplingParamsSchema>

/** The body of `POST /completions`. */
export const CompletionRequestSchema = z.extend(SamplingParamsSchema, {
  model: z.string().check(z.minLength(1)),
  prompt: z.union([z.string(), z.array(z.string())]),
  echo: z.optional(z.boolean()),
  logprobs: z.nullish(z.int().check(z.gte(0), z.lte(5))),
})
/** The body of `POST /completions`. */
export type CompletionRequest = z.infer<typeof CompletionRequestSchema>

/** The body of `POST /chat/completions`. */
export const ChatCompletionRequestSchema = z.extend(SamplingParamsSchema, {
  model: z.string().check(z.minLength(1)),
  messages: z.array(ChatRequestMessageSchema).check(z.minLength(1)),
  logprobs: z.nullish(z.boolean()),
  top_logprobs: z.nullish(z.int().check(z.gte(0), z.lte(20))),
  tools: z.optional(z.array(ToolSchema)),
  tool_choice: z.optional(
    z.union([
      z.enum(['none', 'auto', 'required']),
      looseObject({ type: z.literal('function'), function: looseObject({ name: z.string() }) }),
    ]),
  ),
  parallel_tool_calls: z.optional(z.boolean()),
})
/** The body of `POST /chat/completions`. */
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>
