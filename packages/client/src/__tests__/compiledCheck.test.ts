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

// The Node entry checks streamed chunks with zod's compiled validators first. It must never accept
// what zod's own parse rejects, it must accept what providers really send, and a rejected chunk must
// still fail with the usual message.

const context = { what: 'chat completion chunk', endpoint: 'POST /chat/completions', model: 'm' }

const chatChunk = fc.record({
  id: fc.string(),
  object: fc.constant('chat.completion.chunk'),
  created: fc.integer({ min: 0 }),
  model: fc.string(),
  system_fingerprint: fc.option(fc.string()),
  choices: fc.array(
    fc.record(
      {
        index: fc.nat(8),
        delta: fc.record(
          {
            role: fc.option(fc.constant('assistant')),
            content: fc.option(fc.string()),
            reasoning_content: fc.option(fc.string()),
            tool_calls: fc.option(
              fc.array(
                fc.record(
                  {
                    index: fc.nat(4),
                    id: fc.option(fc.string()),
                    type: fc.option(fc.constant('function')),
                    function: fc.record(
                      { name: fc.option(fc.string()), arguments: fc.string() },
                      { requiredKeys: [] },
                    ),
                  },
                  { requiredKeys: ['index'] },
                ),
              ),
            ),
          },
          { requiredKeys: [] },
        ),
        logprobs: fc.constant(null),
        finish_reason: fc.option(fc.constantFrom('stop', 'length', 'tool_calls')),
      },
      { requiredKeys: ['index', 'finish_reason'] },
    ),
    { maxLength: 3 },
  ),
  usage: fc.option(
    fc.record({ prompt_tokens: fc.nat(), completion_tokens: fc.nat(), total_tokens: fc.nat() }),
  ),
})

// Breaks one thing in a valid chunk: a value of the wrong type anywhere, or a missing required key.
const brokenChunk = chatChunk.chain((chunk) =>
  fc
    .tuple(
      fc.constantFrom(...pathsOf(chunk)),
      fc.constantFrom<unknown>(undefined, null, 7, 'x', [], {}, true, 1.5),
    )
    .map(([path, value]) => setAt(structuredClone(chunk), path, value)),
)

function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return prefix.length ? [prefix] : []
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)
  const inner = keys.flatMap((key) =>
    pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key]),
  )
  return prefix.length ? [prefix, ...inner] : inner
}

function setAt<T>(root: T, path: (string | number)[], value: unknown): T {
  let node = root as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path[path.length - 1] as string | number
  if (value === undefined) delete node[last]
  else node[last] = value
  return root
}

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
