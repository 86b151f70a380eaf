import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { config, safeParse, z } from 'zod/mini'
import { compiledCheck } from '../compiledCheck.ts'
import { ResponseValidationError } from '../errors.ts'
import '../index.node.ts'
import { looseObject } from '../looseObject.ts'
import {
  ChatCompletionStreamResponseSchema,
  CompletionStreamResponseSchema,
  UsageInfoSchema,
} from '../schemas.ts'
import { checkResponse } from '../validate.ts'
import { brokenChunk, chatChunk } from './chunkArbitraries.ts'

// The Node entry checks streamed chunks with zod's compiled validators first. It must never accept
// what zod's own parse rejects, it must accept what providers really send, and a rejected chunk must
// still fail with the usual message.

const context = { what: 'chat completion chunk', endpoint: 'POST /chat/completions', model: 'm' }

afterEach(() => {
  config({ jitless: false })
})

describe('compiledCheck (Node entry)', () => {
  it('accepts every valid chunk, as zod does', () => {
    fc.assert(
      fc.property(chatChunk, (chunk) => {
        expect(safeParse(ChatCompletionStreamResponseSchema, chunk).success).toBe(true)
        expect(compiledCheck(ChatCompletionStreamResponseSchema, chunk)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('never accepts what zod rejects', () => {
    let rejected = 0
    fc.assert(
      fc.property(brokenChunk, (chunk) => {
        const zodAccepts = safeParse(ChatCompletionStreamResponseSchema, chunk).success
        if (!zodAccepts) rejected++
        expect(compiledCheck(ChatCompletionStreamResponseSchema, chunk)).toBe(zodAccepts)
      }),
      { numRuns: 500 },
    )
    // The generator must really produce invalid chunks, or the property says nothing.
    expect(rejected).toBeGreaterThan(100)
  })

  it('checks other schemas too (text completion chunks)', () => {
    const chunk = {
      id: 'c',
      object: 'text_completion',
      created: 1,
      model: 'm',
      choices: [{ index: 0, text: 'hi', finish_reason: null }],
    }
    expect(compiledCheck(CompletionStreamResponseSchema, chunk)).toBe(true)
    expect(compiledCheck(CompletionStreamResponseSchema, { ...chunk, choices: [{ index: 0 }] })).toBe(false)
  })

  it('hands checkResponse the chunk itself, unknown fields kept', () => {
    const chunk = {
      id: 'c',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      provider_field: { kept: true },
      choices: [{ index: 0, delta: { content: 'hi', extra: 1 }, finish_reason: null }],
    }
    expect(checkResponse(ChatCompletionStreamResponseSchema, chunk, context)).toBe(chunk)
  })

  it('leaves a rejected chunk to zod, which names the problem', () => {
    const chunk = {
      id: 'c',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 'zero', delta: {} }],
    }
    expect(compiledCheck(ChatCompletionStreamResponseSchema, chunk)).toBe(false)
    expect(() => checkResponse(ChatCompletionStreamResponseSchema, chunk, context)).toThrow(
      ResponseValidationError,
    )
    expect(() => checkResponse(ChatCompletionStreamResponseSchema, chunk, context)).toThrow(
      /choices\[0\]\.index: expected number, received string/,
    )
  })

  it('falls back to the interpreted check where eval is off', () => {
    config({ jitless: true })
    const schema = looseObject({ a: z.string(), b: z.nullish(UsageInfoSchema) })
    // Not compiled: `false` means "check again", and the interpreted check still decides.
    expect(compiledCheck(schema, { a: 'x' })).toBe(false)
    const value = { a: 'x', b: null }
    expect(checkResponse(schema, value, context)).toBe(value)
    expect(() => checkResponse(schema, { a: 1 }, context)).toThrow(/a: expected string, received number/)
  })
})
