import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { safeParse } from 'zod/mini'
import { checkContext } from '../looseObject.ts'
import { ChatCompletionStreamResponseSchema } from '../schemas.ts'
import { checkResponse } from '../validate.ts'
import { brokenChunk, chatChunk } from './chunkArbitraries.ts'

// The check browsers run on each streamed chunk (the browser entry, no compiled validators): one
// payload passed down the fields, no output built. It must agree with zod's own parse.

const context = { what: 'chat completion chunk', endpoint: 'POST /chat/completions', model: 'm' }

function passesCheck(value: unknown): boolean {
  const result = ChatCompletionStreamResponseSchema._zod.run({ value, issues: [] }, checkContext())
  return !(result instanceof Promise) && result.issues.length === 0
}

describe('the check context of looseObject', () => {
  it('passes every valid chunk without building anything', () => {
    fc.assert(
      fc.property(chatChunk, (chunk) => {
        const before = structuredClone(chunk)
        expect(passesCheck(chunk)).toBe(true)
        expect(chunk).toEqual(before)
        expect(checkResponse(ChatCompletionStreamResponseSchema, chunk, context)).toBe(chunk)
      }),
      { numRuns: 300 },
    )
  })

  it('agrees with zod on broken chunks', () => {
    let rejected = 0
    fc.assert(
      fc.property(brokenChunk, (chunk) => {
        const zodAccepts = safeParse(ChatCompletionStreamResponseSchema, chunk).success
        if (!zodAccepts) rejected++
        expect(passesCheck(chunk)).toBe(zodAccepts)
      }),
      { numRuns: 500 },
    )
    expect(rejected).toBeGreaterThan(100)
  })

  it('names the first problem, as zod finds it', () => {
    const chunk = {
      id: 'c',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: { content: 5 } }],
    }
    expect(() => checkResponse(ChatCompletionStreamResponseSchema, chunk, context)).toThrow(
      /choices\[0\]\.delta\.content: expected string, received number/,
    )
  })
})
