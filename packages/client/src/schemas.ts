import { z } from 'zod'

// Wire types of the Fireworks AI inference API (OpenAI-compatible), defined once as zod schemas.
// Responses use loose objects: providers add fields of their own, and those pass through untouched.
// Optional fields accept `null` as well as absence, because real providers send both.

/** Token counts of one request. */
export const UsageInfoSchema = z.looseObject({
  prompt_tokens: z.number(),
  total_tokens: z.number(),
  completion_tokens: z.number().nullish(),
})
/** Token counts of one request. */
export type UsageInfo = z.infer<typeof UsageInfoSchema>

/** Log probabilities of a text completion choice (OpenAI legacy shape). */
export const CompletionLogprobsSchema = z.looseObject({
  tokens: z.array(z.string()).nullish(),
  token_logprobs: z.array(z.number().nullable()).nullish(),
  top_logprobs: z.array(z.record(z.string(), z.number()).nullable()).nullish(),
  text_offset: z.array(z.number()).nullish(),
})
/** Log probabilities of a text completion choice. */
export type CompletionLogprobs = z.infer<typeof CompletionLogprobsSchema>

/** One candidate token with its log probability (chat shape). */
export const TokenLogprobSchema = z.looseObject({
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()).nullish(),
  top_logprobs: z
    .array(z.looseObject({ token: z.string(), logprob: z.number(), bytes: z.array(z.number()).nullish() }))
    .nullish(),
})
/** One candidate token with its log probability. */
export type TokenLogprob = z.infer<typeof TokenLogprobSchema>

/** Log probabilities of a chat choice. */
export const ChatLogprobsSchema = z.looseObject({
  content: z.array(TokenLogprobSchema).nullish(),
})
/** Log probabilities of a chat choice. */
export type ChatLogprobs = z.infer<typeof ChatLogprobsSchema>

/** A finished tool call on an assistant message. */
export const ToolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('function'),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
})
/** A finished tool call on an assistant message. */
export type ToolCall = z.infer<typeof ToolCallSchema>

/** One streamed fragment of a tool call: `id` and `name` come on the first fragment only. */
export const ToolCallDeltaSchema = z.looseObject({
  index: z.number().int(),
  id: z.string().nullish(),
  type: z.literal('function').nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
})
/** One streamed fragment of a tool call. */
export type ToolCallDelta = z.infer<typeof ToolCallDeltaSchema>

/** A part of a multi-part message content (text, image, …). */
export const ContentPartSchema = z.looseObject({ type: z.string() })
/** A part of a multi-part message content. */
export type ContentPart = z.infer<typeof ContentPartSchema>

/** A chat message as sent and received. */
export const ChatMessageSchema = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.array(ContentPartSchema)]).nullish(),
  name: z.string().nullish(),
  reasoning_content: z.string().nullish(),
  tool_calls: z.array(ToolCallSchema).nullish(),
  tool_call_id: z.string().nullish(),
})
/** A chat message as sent and received. */
export type ChatMessage = z.infer<typeof ChatMessageSchema>

/** The change a streamed chunk makes to one choice's message. */
export const DeltaMessageSchema = z.looseObject({
  role: z.string().nullish(),
  content: z.string().nullish(),
  reasoning_content: z.string().nullish(),
  tool_calls: z.array(ToolCallDeltaSchema).nullish(),
})
/** The change a streamed chunk makes to one choice's message. */
export type DeltaMessage = z.infer<typeof DeltaMessageSchema>

/** One choice of a text completion. */
export const ChoiceSchema = z.looseObject({
  index: z.number().int(),
  text: z.string(),
  logprobs: CompletionLogprobsSchema.nullish(),
  finish_reason: z.string().nullish(),
})
/** One choice of a text completion. */
export type Choice = z.infer<typeof ChoiceSchema>

/** A text completion (`object: "text_completion"`). */
export const CompletionResponseSchema = z.looseObject({
  id: z.string(),
  object: z.string(),
  created: z.number(),
  model: z.string(),
  choices: z.array(ChoiceSchema),
  usage: UsageInfoSchema.nullish(),
})
/** A text completion. */
export type CompletionResponse = z.infer<typeof CompletionResponseSchema>

/** One streamed chunk of a text completion. */
export const CompletionStreamResponseSchema = z.looseObject({
  id: z.string(),
  object: z.string(),
  created: z.number(),
  model: z.string(),
  choices: z.array(ChoiceSchema),
  usage: UsageInfoSchema.nullish(),
})
/** One streamed chunk of a text completion. */
export type CompletionStreamResponse = z.infer<typeof CompletionStreamResponseSchema>

/** One choice of a chat completion. */
export const ChatCompletionResponseChoiceSchema = z.looseObject({
  index: z.number().int(),
  message: ChatMessageSchema,
  finish_reason: z.string().nullish(),
  logprobs: ChatLogprobsSchema.nullish(),
})
/** One choice of a chat completion. */
export type ChatCompletionResponseChoice = z.infer<typeof ChatCompletionResponseChoiceSchema>

/** A chat completion (`object: "chat.completion"`). */
export const ChatCompletionResponseSchema = z.looseObject({
  id: z.string(),
  object: z.string(),
  created: z.number(),
  model: z.string(),
  choices: z.array(ChatCompletionResponseChoiceSchema),
  usage: UsageInfoSchema.nullish(),
})
/** A chat completion. */
export type ChatCompletionResponse = z.infer<typeof ChatCompletionResponseSchema>

/** One choice of a streamed chat chunk. */
export const ChatCompletionResponseStreamChoiceSchema = z.looseObject({
  index: z.number().int(),
  // Some providers omit `delta` on the final chunk that only carries finish_reason.
  delta: DeltaMessageSchema.default({}),
  finish_reason: z.string().nullish(),
  logprobs: ChatLogprobsSchema.nullish(),
})
/** One choice of a streamed chat chunk. */
export type ChatCompletionResponseStreamChoice = z.infer<typeof ChatCompletionResponseStreamChoiceSchema>

/** One streamed chunk of a chat completion (`object: "chat.completion.chunk"`). */
export const ChatCompletionStreamResponseSchema = z.looseObject({
  id: z.string(),
  object: z.string(),
  created: z.number(),
  model: z.string(),
  choices: z.array(ChatCompletionResponseStreamChoiceSchema),
  usage: UsageInfoSchema.nullish(),
})
/** One streamed chunk of a chat completion. */
export type ChatCompletionStreamResponse = z.infer<typeof ChatCompletionStreamResponseSchema>

/** A model the server offers. */
export const ModelSchema = z.looseObject({
  id: z.string(),
  object: z.string(),
  created: z.number().nullish(),
  owned_by: z.string().nullish(),
})
/** A model the server offers. */
export type Model = z.infer<typeof ModelSchema>

/** The model list (`object: "list"`). */
export const ListModelsResponseSchema = z.looseObject({
  object: z.string(),
  data: z.array(ModelSchema),
})
/** The model list. */
export type ListModelsResponse = z.infer<typeof ListModelsResponseSchema>

/** The error body OpenAI-compatible servers send: `{ "error": { message, type, code, param } }`. */
export const ErrorBodySchema = z.looseObject({
  error: z.looseObject({
    message: z.string(),
    type: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
    param: z.string().nullish(),
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
export const ChatRequestMessageSchema = z.looseObject({
  role: ChatRoleSchema,
  content: z.union([z.string(), z.array(ContentPartSchema)]).nullish(),
  name: z.string().optional(),
  tool_calls: z.array(ToolCallSchema).optional(),
  tool_call_id: z.string().optional(),
})
/** A message in a chat request. */
export type ChatRequestMessage = z.infer<typeof ChatRequestMessageSchema>

/** A function tool the model may call. */
export const ToolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
})
/** A function tool the model may call. */
export type Tool = z.infer<typeof ToolSchema>

/** Sampling and output parameters shared by completions and chat completions. */
export const SamplingParamsSchema = z.looseObject({
  max_tokens: z.number().int().positive().optional(),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  n: z.number().int().min(1).max(128).optional(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  presence_penalty: z.number().min(-2).max(2).optional(),
  frequency_penalty: z.number().min(-2).max(2).optional(),
  repetition_penalty: z.number().positive().optional(),
  seed: z.number().int().optional(),
  user: z.string().optional(),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  response_format: z.looseObject({ type: z.string() }).optional(),
})
/** Sampling and output parameters shared by completions and chat completions. */
export type SamplingParams = z.infer<typeof SamplingParamsSchema>

/** The body of `POST /completions`. */
export const CompletionRequestSchema = SamplingParamsSchema.extend({
  model: z.string().min(1),
  prompt: z.union([z.string(), z.array(z.string())]),
  echo: z.boolean().optional(),
  logprobs: z.number().int().min(0).max(5).nullish(),
})
/** The body of `POST /completions`. */
export type CompletionRequest = z.infer<typeof CompletionRequestSchema>

/** The body of `POST /chat/completions`. */
export const ChatCompletionRequestSchema = SamplingParamsSchema.extend({
  model: z.string().min(1),
  messages: z.array(ChatRequestMessageSchema).min(1),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  tools: z.array(ToolSchema).optional(),
  tool_choice: z
    .union([
      z.enum(['none', 'auto', 'required']),
      z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
    ])
    .optional(),
  parallel_tool_calls: z.boolean().optional(),
})
/** The body of `POST /chat/completions`. */
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>
