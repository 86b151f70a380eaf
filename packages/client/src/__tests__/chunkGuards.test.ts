import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { safeParse } from 'zod/mini'
import { isChatChunk, isCompletionChunk } from '../chunkGuards.ts'
import { ChatCompletionStreamResponseSchema, CompletionStreamResponseSchema } from '../schemas.ts'
import { brokenChunk, brokenCompletionChunk, chatChunk, completionChunk } from './chunkArbitraries.ts'

// The hand-written checks of the streams' hot path must say exactly what the zod schemas say:
// never looser (a bad chunk would reach the accumulator), and not stricter either (zod would then
// run on every such chunk). Whatever zod version the range resolves to, these compare with it.

const zodAccepts = (schema: Parameters<typeof safeParse>[0], value: unknown) =>
  safeParse(schema, value).success

describe('isChatChunk', () => {
  it('accepts every valid chunk, as zod does', () => {
    fc.assert(
      fc.property(chatChunk, (chunk) => {
        expect(zodAccepts(ChatCompletionStreamResponseSchema, chunk)).toBe(true)
        expect(isChatChunk(chunk)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('says what zod says about a chunk with one thing broken', () => {
    let rejected = 0
    fc.assert(
      fc.property(brokenChunk, (chunk) => {
        const accepted = zodAccepts(ChatCompletionStreamResponseSchema, chunk)
        if (!accepted) rejected++
        expect(isChatChunk(chunk)).toBe(accepted)
      }),
      { numRuns: 1000 },
    )
    // The generator must really produce invalid chunks, or the property says nothing.
    expect(rejected).toBeGreaterThan(200)
  })

  it('says what zod says about anything at all', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(isChatChunk(value)).toBe(zodAccepts(ChatCompletionStreamResponseSchema, value))
      }),
      { numRuns: 300 },
    )
  })
})

describe('isCompletionChunk', () => {
  it('accepts every valid chunk, as zod does', () => {
    fc.assert(
      fc.property(completionChunk, (chunk) => {
        expect(zodAccepts(CompletionStreamResponseSchema, chunk)).toBe(true)
        expect(isCompletionChunk(chunk)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('says what zod says about a chunk with one thing broken', () => {
    let rejected = 0
    fc.assert(
      fc.property(brokenCompletionChunk, (chunk) => {
        const accepted = zodAccepts(CompletionStreamResponseSchema, chunk)
        if (!accepted) rejected++
        expect(isCompletionChunk(chunk)).toBe(accepted)
      }),
      { numRuns: 1000 },
    )
    expect(rejected).toBeGreaterThan(200)
  })
})
