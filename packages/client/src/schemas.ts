import * as z from 'zod/mini'

// Wire types of the Fireworks AI inference API (OpenAI-compatible), defined once as zod schemas.
// They describe what the client accepts (see "Leniency" in the README): objects are loose (a
// provider's own fields pass through untouched), optional fields accept `null` as well as absence,
// and metadata a server may leave out (`created`, a choice's `index`, a chunk's `delta`) is
// optional. What a client fills in for those (`normalize.ts`) is not part of the schemas: they only
// say valid or not, so the hand-written check of the hot path (`chunkGuards.ts`) can be compared
// with them exactly.

/** Token counts of one request. */
export const UsageInfoSchema = z.looseObject({
  prompt_tokens: z.number(),
  total_tokens: z.number(),
  completion_tokens: z.nullish(z.number()),
})
/** Token counts of one request. */
export type UsageInfo = z.infer<typeof UsageInfoSchema>

/**
 * Fireworks' performance metrics (`perf_metrics_in_response: true`), on the last chunk or on the
 * response: the same names as the `fireworks-*` headers without the prefix, e.g.
 * `server-time-to-first-token` (seconds).
 */
export const PerfMetricsSchema = z.record(z.string(), z.unknown())
/** Fireworks' performance metrics. */
export type PerfMetrics = z.infer<typeof PerfMetricsSchema>

// The types of what the client hands on after `normalize.ts`: the schema's shape with some fields
// replaced (at the shape level, so the loose object's index signature doesn't swallow known keys).
type WithShape<T extends z.ZodMiniObject, S extends z.core.$ZodLooseShape> = z.ZodMiniObject<
  Omit<T['shape'], keyof S> & S,
  z.core.$loose
>

// Every response and chunk has the same envelope around its choices.
function responseOf<TChoice extends z.core.SomeType>(choice: TChoice) {
  return z.looseObject({
    id: z.string(),
    object: z.string(),
    // Metadata: openai-node and most mock servers do without it.
    created: z.nullish(z.number()),
    model: z.string(),
    choices: z.array(choice),
    usage: z.nullish(UsageInfoSchema),
    perf_metrics: z.nullish(PerfMetricsSchema),
  })
}

/** Log probabilities of a text completion choice (OpenAI legacy shape). */
export const CompletionLogprobsSchema = z.looseObject({
  tokens: z.nullish(z.array(z.string())),
  token_logprobs: z.nullish(z.array(z.nullable(z.number()))),
  top_logprobs: z.nullish(z.array(z.nullable(z.record(z.string(), z.number())))),
  text_offset: z.nullish(z.array(z.number())),
})
/** Log probabilities of a text completion choice. */
export type CompletionLogprobs = z.infer<typeof CompletionLogprobsSchema>

/** One candidate token with its log probability (chat shape). */
export const TokenLogprobSchema = z.looseObject({
  token: z.string(),
  logprob: z.number(),
  bytes: z.nullish(z.array(z.number())),
  top_logprobs: z.nullish(
    z.array(z.looseObject({ token: z.string(), logprob: z.number(), bytes: z.nullish(z.array(z.number())) })),
  ),
})
/** One candidate token with its log probability. */
export type TokenLogprob = z.infer<typeof TokenLogprobSchema>

/** Log probabilities of a chat choice. */
export const ChatLogprobsSchema = z.looseObject({
  content: z.nullish(z.array(TokenLogprobSchema)),
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
  index: z.int(),
  id: z.nullish(z.string()),
  type: z.nullish(z.literal('function')),
  function: z.nullish(z.looseObject({ name: z.nullish(z.string()), arguments: z.nullish(z.string()) })),
})
/** One streamed fragment of a tool call. */
export type ToolCallDelta = z.infer<typeof ToolCallDeltaSchema>

/** The roles a chat message may have. */
export const ChatRoleSchema = z.enum(['system', 'developer', 'user', 'assistant', 'tool'])
/** The roles a chat message may have. */
export type ChatRole = z.infer<typeof ChatRoleSchema>

/** A text part of a multi-part message content. */
export const TextContentPartSchema = z.looseObject({ type: z.literal('text'), text: z.string() })
/** An image part of a multi-part message content: a URL or a `data:` URL (base64). */
export const ImageContentPartSchema = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({ url: z.string(), detail: z.optional(z.enum(['auto', 'low', 'high'])) }),
})
/** A part of a multi-part message content: text or an image. */
export const ContentPartSchema = z.union([TextContentPartSchema, ImageContentPartSchema])
/** A part of a multi-part message content. */
export type ContentPart = z.infer<typeof ContentPartSchema>

/**
 * A chat message as received. The reasoning of reasoning models is `reasoning_content`; servers
 * that call it `reasoning` (Ollama, vLLM, OpenRouter) are read into it as well.
 */
export const ChatMessageSchema = z.looseObject({
  role: ChatRoleSchema,
  content: z.nullish(z.union([z.string(), z.array(ContentPartSchema)])),
  name: z.nullish(z.string()),
  reasoning_content: z.nullish(z.string()),
  tool_calls: z.nullish(z.array(ToolCallSchema)),
  tool_call_id: z.nullish(z.string()),
})
/** A chat message as received. */
export type ChatMessage = z.infer<typeof ChatMessageSchema>

/** The change a streamed chunk makes to one choice's message. */
export const DeltaMessageSchema = z.looseObject({
  role: z.nullish(z.string()),
  content: z.nullish(z.string()),
  reasoning_content: z.nullish(z.string()),
  tool_calls: z.nullish(z.array(ToolCallDeltaSchema)),
})
/** The change a streamed chunk makes to one choice's message. */
export type DeltaMessage = z.infer<typeof DeltaMessageSchema>

/** One choice of a text completion. */
export const ChoiceSchema = z.looseObject({
  // Absent: the choice's position in `choices`.
  index: z.optional(z.int()),
  text: z.string(),
  logprobs: z.nullish(CompletionLogprobsSchema),
  finish_reason: z.nullish(z.string()),
})
type ChoiceOut = WithShape<typeof ChoiceSchema, { index: z.ZodMiniNumber<number> }>
/** One choice of a text completion (`index` filled in from the position when a server left it out). */
export type Choice = z.infer<ChoiceOut>

/** A text completion (`object: "text_completion"`). */
export const CompletionResponseSchema = responseOf(ChoiceSchema)
/** A text completion. */
export type CompletionResponse = z.infer<
  WithShape<typeof CompletionResponseSchema, { choices: z.ZodMiniArray<ChoiceOut> }>
>

/** One streamed chunk of a text completion. */
export const CompletionStreamResponseSchema = CompletionResponseSchema
/** One streamed chunk of a text completion. */
export type CompletionStreamResponse = CompletionResponse

/** One choice of a chat completion. */
export const ChatCompletionResponseChoiceSchema = z.looseObject({
  index: z.optional(z.int()),
  message: ChatMessageSchema,
  finish_reason: z.nullish(z.string()),
  logprobs: z.nullish(ChatLogprobsSchema),
})
type ChatChoiceOut = WithShape<typeof ChatCompletionResponseChoiceSchema, { index: z.ZodMiniNumber<number> }>
/** One choice of a chat completion. */
export type ChatCompletionResponseChoice = z.infer<ChatChoiceOut>

/** A chat completion (`object: "chat.completion"`). */
export const ChatCompletionResponseSchema = responseOf(ChatCompletionResponseChoiceSchema)
/** A chat completion. */
export type ChatCompletionResponse = z.infer<
  WithShape<typeof ChatCompletionResponseSchema, { choices: z.ZodMiniArray<ChatChoiceOut> }>
>

/** One choice of a streamed chat chunk. */
export const ChatCompletionResponseStreamChoiceSchema = z.looseObject({
  index: z.optional(z.int()),
  // Some providers omit `delta` on the final chunk that only carries finish_reason.
  delta: z.optional(DeltaMessageSchema),
  finish_reason: z.nullish(z.string()),
  logprobs: z.nullish(ChatLogprobsSchema),
})
type ChatStreamChoiceOut = WithShape<
  typeof ChatCompletionResponseStreamChoiceSchema,
  { index: z.ZodMiniNumber<number>; delta: typeof DeltaMessageSchema }
>
/** One choice of a streamed chat chunk (`index` and `delta` always set once read by the client). */
export type ChatCompletionResponseStreamChoice = z.infer<ChatStreamChoiceOut>

/** One streamed chunk of a chat completion (`object: "chat.completion.chunk"`). */
export const ChatCompletionStreamResponseSchema = responseOf(ChatCompletionResponseStreamChoiceSchema)
/** One streamed chunk of a chat completion. */
export type ChatCompletionStreamResponse = z.infer<
  WithShape<typeof ChatCompletionStreamResponseSchema, { choices: z.ZodMiniArray<ChatStreamChoiceOut> }>
>

/** A model the server offers. */
export const ModelSchema = z.looseObject({
  id: z.string(),
  object: z.nullish(z.string()),
  created: z.nullish(z.number()),
  owned_by: z.nullish(z.string()),
})
/** A model the server offers. */
export type Model = z.infer<typeof ModelSchema>

/** The model list (`object: "list"`). */
export const ListModelsResponseSchema = z.looseObject({
  object: z.nullish(z.string()),
  data: z.array(ModelSchema),
})
/** The model list. */
export type ListModelsResponse = z.infer<typeof ListModelsResponseSchema>

/** The error body OpenAI-compatible servers send: `{ "error": { message, type, code, param } }`. */
export const ErrorBodySchema = z.looseObject({
  error: z.looseObject({
    message: z.string(),
    type: z.nullish(z.string()),
    code: z.nullish(z.union([z.string(), z.number()])),
    param: z.nullish(z.string()),
  }),
})
/** The error body OpenAI-compatible servers send. */
export type ErrorBody = z.infer<typeof ErrorBodySchema>
