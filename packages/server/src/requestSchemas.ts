import { z } from 'zod'

const stopSchema = z.union([z.string(), z.array(z.string()).max(4)]).nullish()
const streamOptionsSchema = z.looseObject({ include_usage: z.boolean().nullish() }).nullish()

const contentPartSchema = z.looseObject({ type: z.string(), text: z.string().optional() })

const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('function'),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
})

const messageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(contentPartSchema)]).nullish(),
  name: z.string().optional(),
  tool_calls: z.array(toolCallSchema).nullish(),
  tool_call_id: z.string().optional(),
  reasoning_content: z.string().nullish(),
})

const toolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
})

const sharedFields = {
  model: z.string().min(1),
  stream: z.boolean().nullish(),
  n: z.int().min(1).max(16).nullish(),
  stop: stopSchema,
  max_tokens: z.int().min(1).nullish(),
  seed: z.int().nullish(),
  user: z.string().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stream_options: streamOptionsSchema,
}

/**
 * What the server accepts on `POST …/chat/completions`. Unknown fields pass through untouched
 * (upstreams take extra parameters); known fields must have the right type.
 */
export const ChatCompletionRequestSchema = z.looseObject({
  ...sharedFields,
  messages: z.array(messageSchema).min(1),
  max_completion_tokens: z.int().min(1).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.int().min(0).max(20).nullish(),
  tools: z.array(toolSchema).nullish(),
  tool_choice: z
    .union([
      z.enum(['none', 'auto', 'required']),
      z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
    ])
    .nullish(),
  parallel_tool_calls: z.boolean().nullish(),
})

/** What the server accepts on `POST …/completions`. */
export const CompletionRequestSchema = z.looseObject({
  ...sharedFields,
  prompt: z.union([z.string(), z.array(z.string()).min(1)]),
  logprobs: z.union([z.int().min(0).max(5), z.boolean()]).nullish(),
  echo: z.boolean().nullish(),
})

/** A validated chat completion request. */
export type ChatRequest = z.infer<typeof ChatCompletionRequestSchema>
/** A validated completion request. */
export type CompletionRequest = z.infer<typeof CompletionRequestSchema>
/** One message of a chat request. */
export type ChatRequestMessage = ChatRequest['messages'][number]
/** One tool a chat request offers. */
export type ChatRequestTool = NonNullable<ChatRequest['tools']>[number]
