import * as z from 'zod/mini'
import { ChatRoleSchema, ContentPartSchema, ToolCallSchema } from './schemas.ts'

// What a client sends. Known parameters are typed; unknown ones pass through. The client itself
// only needs the types (it never validates its own requests); the schemas are for servers that
// validate what they receive, such as @kindling/server, and come from `@kindling/client/schemas`
// so that browser apps don't ship them.

/** A message in a chat request; `role` is one of {@link ChatRoleSchema}'s roles. */
export const ChatRequestMessageSchema = z.looseObject({
  role: ChatRoleSchema,
  content: z.nullish(z.union([z.string(), z.array(ContentPartSchema)])),
  name: z.optional(z.string()),
  tool_calls: z.optional(z.array(ToolCallSchema)),
  tool_call_id: z.optional(z.string()),
})
/** A message in a chat request. */
export type ChatRequestMessage = z.infer<typeof ChatRequestMessageSchema>

/** A function tool the model may call. */
export const ToolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().check(z.minLength(1)),
    description: z.optional(z.string()),
    parameters: z.optional(z.record(z.string(), z.unknown())),
  }),
})
/** A function tool the model may call. */
export type Tool = z.infer<typeof ToolSchema>

/**
 * The output format: free `text`, any JSON (`json_object`, optionally held to `schema`), JSON
 * matching a named schema (`json_schema`), or text matching a GBNF `grammar` (Fireworks).
 */
export const ResponseFormatSchema = z.union([
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object'), schema: z.optional(z.record(z.string(), z.unknown())) }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string(),
      schema: z.optional(z.record(z.string(), z.unknown())),
      strict: z.nullish(z.boolean()),
      description: z.optional(z.string()),
    }),
  }),
  z.looseObject({ type: z.literal('grammar'), grammar: z.string() }),
])
/** The output format of a request. */
export type ResponseFormat = z.infer<typeof ResponseFormatSchema>

const probability = () => z.number().check(z.gte(0), z.lte(1))

/** Sampling and output parameters shared by completions and chat completions (Fireworks extras included). */
export const SamplingParamsSchema = z.looseObject({
  max_tokens: z.optional(z.int().check(z.positive())),
  temperature: z.optional(z.number().check(z.gte(0), z.lte(2))),
  top_p: z.optional(probability()),
  top_k: z.optional(z.int().check(z.gte(0))),
  /** Fireworks: drop tokens less likely than `min_p` × the most likely one's probability. */
  min_p: z.optional(probability()),
  /** Fireworks: locally typical sampling. */
  typical_p: z.optional(probability()),
  /** Fireworks: Mirostat's target surprise (perplexity); enables Mirostat sampling. */
  mirostat_target: z.optional(z.number()),
  /** Fireworks: Mirostat's learning rate. */
  mirostat_lr: z.optional(z.number()),
  n: z.optional(z.int().check(z.gte(1), z.lte(128))),
  stop: z.nullish(z.union([z.string(), z.array(z.string()).check(z.maxLength(4))])),
  presence_penalty: z.optional(z.number().check(z.gte(-2), z.lte(2))),
  frequency_penalty: z.optional(z.number().check(z.gte(-2), z.lte(2))),
  repetition_penalty: z.optional(z.number().check(z.positive())),
  seed: z.optional(z.int()),
  user: z.optional(z.string()),
  stream: z.optional(z.boolean()),
  stream_options: z.nullish(z.looseObject({ include_usage: z.optional(z.boolean()) })),
  response_format: z.optional(ResponseFormatSchema),
  /** Fireworks: keep only the last this many prompt tokens. */
  prompt_truncate_len: z.optional(z.int().check(z.positive())),
  /** Fireworks: what to do when prompt + `max_tokens` exceed the context: shorten `max_tokens`, or fail. */
  context_length_exceeded_behavior: z.optional(z.enum(['truncate', 'error'])),
  /** Fireworks: how much a reasoning model thinks. */
  reasoning_effort: z.optional(z.enum(['none', 'low', 'medium', 'high'])),
  /** Fireworks: send `perf_metrics` on the response (on the last chunk when streaming). */
  perf_metrics_in_response: z.optional(z.boolean()),
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
      z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
    ]),
  ),
  parallel_tool_calls: z.optional(z.boolean()),
})
/** The body of `POST /chat/completions`. */
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>
