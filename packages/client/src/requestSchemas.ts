import * as z from 'zod/mini'
import { looseObject } from './looseObject.ts'
import { ContentPartSchema, ToolCallSchema } from './schemas.ts'

// What a client sends. Known parameters are typed; unknown ones pass through. The client itself
// only needs the types (it never validates its own requests); the schemas are for servers that
// validate what they receive, such as @kindling/server, and come from `@kindling/client/schemas`
// so that browser apps don't ship them.

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
