import { toResponseFormat } from '@kindling/react/core'
import { RECIPE_PROMPT, Recipe } from '../recipeSchema.ts'

/** One response recorded from the embedded `@kindling/server`, replayed byte for byte. */
export interface Recording {
  /** `models`, `chat` (`/chat/completions`) or `completions`. */
  endpoint: 'models' | 'chat' | 'completions'
  /** The model asked (no fault suffix); `''` for `models`. */
  model: string
  /** The `n` asked. */
  n: number
  /** Whether the request had `tools`. */
  tools: boolean
  /** Whether the request asked for JSON (`response_format`); absent when it did not. */
  structured?: boolean
  status: number
  contentType: string
  /** The body as received: JSON, or the raw SSE text. */
  body: string
}

/** The requests `recordStreams.ts` makes; the replay picks the closest one to what is asked. */
export const RECORDED_REQUESTS: readonly {
  endpoint: Recording['endpoint']
  body?: Record<string, unknown>
}[] = [
  { endpoint: 'models' },
  ...['kindling-echo', 'kindling-text', 'kindling-reasoning'].map((model) => ({
    endpoint: 'chat' as const,
    body: { model, messages: [{ role: 'user', content: 'Hello! What can you do?' }] },
  })),
  {
    endpoint: 'chat',
    body: { model: 'kindling-text', n: 2, messages: [{ role: 'user', content: 'Hello! What can you do?' }] },
  },
  {
    endpoint: 'chat',
    body: {
      model: 'kindling-tools',
      messages: [{ role: 'user', content: 'What is the weather in Lisbon?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'The weather in a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        },
      ],
    },
  },
  { endpoint: 'completions', body: { model: 'kindling-text', prompt: 'Once upon a time', max_tokens: 64 } },
  {
    endpoint: 'completions',
    body: { model: 'kindling-text', prompt: 'Once upon a time', max_tokens: 64, n: 2 },
  },
  // The recipe stories' structured answer (useObjectCompletion, seed 4).
  {
    endpoint: 'chat',
    body: {
      model: 'kindling-text',
      seed: 4,
      messages: [{ role: 'user', content: RECIPE_PROMPT }],
      response_format: toResponseFormat(Recipe, { name: 'recipe' }),
    },
  },
]
