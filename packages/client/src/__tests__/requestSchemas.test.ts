import { describe, expect, it } from 'vitest'
import { safeParse } from 'zod/mini'
import { ChatCompletionRequestSchema, CompletionRequestSchema } from '../requestSchemas.ts'

// The request schemas servers validate with (@kindling/server does): Fireworks' extras pass, and a
// wrong value is refused with the field named.

const chat = { model: 'm', messages: [{ role: 'user', content: 'hi' }] }

describe('request schemas', () => {
  it("accept Fireworks' extras and image parts", () => {
    const body = {
      ...chat,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'https://example.invalid/cat.png', detail: 'high' } },
          ],
        },
      ],
      min_p: 0.05,
      typical_p: 0.9,
      mirostat_target: 5,
      mirostat_lr: 0.1,
      prompt_truncate_len: 2048,
      context_length_exceeded_behavior: 'error',
      reasoning_effort: 'medium',
      perf_metrics_in_response: true,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'a', schema: { type: 'object' }, strict: true },
      },
    }
    expect(safeParse(ChatCompletionRequestSchema, body).success).toBe(true)
    for (const response_format of [
      { type: 'json_object' },
      { type: 'json_object', schema: { type: 'object' } },
      { type: 'grammar', grammar: 'root ::= "yes" | "no"' },
      { type: 'text' },
    ])
      expect(safeParse(CompletionRequestSchema, { model: 'm', prompt: 'p', response_format }).success).toBe(
        true,
      )
  })

  it.each([
    ['min_p', { min_p: 1.5 }],
    ['typical_p', { typical_p: -0.1 }],
    ['prompt_truncate_len', { prompt_truncate_len: 0 }],
    ['context_length_exceeded_behavior', { context_length_exceeded_behavior: 'drop' }],
    ['reasoning_effort', { reasoning_effort: 'max' }],
    ['perf_metrics_in_response', { perf_metrics_in_response: 'yes' }],
    ['response_format', { response_format: { type: 'grammar' } }],
    ['response_format', { response_format: { type: 'json_schema', json_schema: { schema: {} } } }],
    ['messages', { messages: [{ role: 'usr', content: 'hi' }] }],
    ['messages', { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] }],
  ])('refuse a wrong %s', (field, extra) => {
    const result = safeParse(ChatCompletionRequestSchema, { ...chat, ...extra })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path[0]).toBe(field)
  })
})
