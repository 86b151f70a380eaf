import { APIConnectionError, InvalidRequestError, StructuredOutputError } from '@kindling/client'
import { act, renderHook, waitFor } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import type { ObjectSchema } from '../core/objectSchema.ts'
import { KindlingProvider } from '../KindlingProvider.tsx'
import { type UseObjectCompletionOptions, useObjectCompletion } from '../useObjectCompletion.ts'
import { faultHeaders, startPeer } from './peer.ts'

// useObjectCompletion against the real server: its built-in model streams seeded JSON valid for the
// wire schema, so the final object must pass the same zod schema the hook sent.

const peer = startPeer()

const Recipe = z.object({
  title: z.string(),
  cuisine: z.enum(['italian', 'thai', 'mexican']),
  servings: z.int().min(1).max(12),
  ingredients: z
    .array(z.object({ name: z.string(), grams: z.number().min(0) }))
    .min(2)
    .max(6),
  notes: z.optional(z.string()),
})

function renderObject<S extends ObjectSchema>(options: UseObjectCompletionOptions<S>, strict = false) {
  const client = peer.client()
  const wrapper = ({ children }: { children: ReactNode }) => {
    const tree = <KindlingProvider client={client}>{children}</KindlingProvider>
    return strict ? <StrictMode>{tree}</StrictMode> : tree
  }
  return renderHook((props: UseObjectCompletionOptions<S>) => useObjectCompletion(props), {
    wrapper,
    initialProps: { batchInterval: 0, ...options },
  })
}

describe('useObjectCompletion', () => {
  it('streams the partial object, then the final object validated by the schema', async () => {
    const onFinish = vi.fn()
    const { result } = renderObject({
      model: 'kindling-text',
      schema: Recipe,
      name: 'recipe',
      params: { seed: 7 },
      onFinish,
      requestOptions: { headers: faultHeaders(undefined, 2) },
    })
    const seen: unknown[] = []
    let submitting!: Promise<void>
    act(() => {
      submitting = result.current.submit('A recipe, please')
    })
    expect(result.current.status).toBe('submitted')
    await waitFor(
      () => {
        if (result.current.partial !== seen.at(-1)) seen.push(result.current.partial)
        expect(result.current.outcome).toBe('done')
      },
      { interval: 2 },
    )
    await act(() => submitting)
    const { object, text, partial } = result.current
    expect(result.current.status).toBe('ready')
    expect(result.current.error).toBeUndefined()
    expect(object).toEqual(Recipe.parse(JSON.parse(text)))
    expect(partial).toEqual(JSON.parse(text))
    expect(['italian', 'thai', 'mexican']).toContain(object?.cuisine)
    expect(onFinish).toHaveBeenCalledWith(object)
    expect(result.current.finishReason).toBe('stop')
    expect(result.current.usage?.completion_tokens).toBeGreaterThan(0)
    // Partial objects arrived on the way: some with the title and not yet every ingredient.
    const partials = seen.filter((value) => value !== undefined && value !== partial) as { title?: string }[]
    expect(partials.length).toBeGreaterThan(2)
    expect(partials.some((value) => value.title !== undefined && value.title !== object?.title)).toBe(true)
    // Each snapshot is its own: an earlier one was not grown in place.
    expect(JSON.stringify(partials[0]).length).toBeLessThan(text.length)
  })

  it.each<{ label: string; schema: z.ZodType }>([
    {
      label: 'nested objects',
      schema: z.object({
        user: z.object({ name: z.string(), address: z.object({ city: z.string(), zip: z.string() }) }),
      }),
    },
    {
      label: 'arrays of objects and of numbers',
      schema: z.object({
        rows: z.array(z.object({ id: z.int(), tags: z.array(z.string()) })).min(1),
        scores: z.array(z.number().min(0).max(1)).length(3),
      }),
    },
    {
      label: 'enums and literals',
      schema: z.object({ level: z.enum(['low', 'mid', 'high']), kind: z.literal('alert'), ok: z.boolean() }),
    },
    {
      label: 'optional and nullable fields',
      schema: z.object({ a: z.string(), b: z.optional(z.int()), c: z.nullable(z.string()) }),
    },
  ])('gives a valid object for $label', async ({ schema }) => {
    for (const seed of [1, 2, 3]) {
      const { result } = renderObject({ model: 'kindling-text', schema, params: { seed } })
      await act(() => result.current.submit('Go'))
      expect(result.current.error).toBeUndefined()
      expect(result.current.outcome).toBe('done')
      expect(result.current.object).toEqual(schema.parse(JSON.parse(result.current.text)))
    }
  })

  it('a plain JSON Schema is sent as it is and the object is returned unchecked', async () => {
    const schema = {
      type: 'object',
      properties: { size: { type: 'string', enum: ['S', 'M', 'L'] } },
      required: ['size'],
      additionalProperties: false,
    }
    const { result } = renderObject({ model: 'kindling-text', schema, params: { seed: 3 } })
    await act(() => result.current.submit('Pick a size'))
    expect(['S', 'M', 'L']).toContain((result.current.object as { size: string }).size)
  })

  it('an answer the schema rejects is a schema-mismatch error keeping the raw text and the partial', async () => {
    // The refinement cannot be written as JSON Schema: the server follows the looser wire schema.
    const Stricter = z.object({
      title: z.string().refine((title) => title.startsWith('Recipe:'), 'must start with "Recipe:"'),
      servings: z.int().min(1).max(4),
    })
    const onError = vi.fn()
    const { result } = renderObject({
      model: 'kindling-text',
      schema: Stricter,
      params: { seed: 5 },
      onError,
    })
    await act(() => result.current.submit('A recipe'))
    const error = result.current.error
    expect(error).toBeInstanceOf(StructuredOutputError)
    expect(error).toMatchObject({ reason: 'schema-mismatch', finishReason: 'stop' })
    expect((error as StructuredOutputError).text).toBe(result.current.text)
    expect((error as StructuredOutputError).issues.map((issue) => issue.path)).toContainEqual(['title'])
    expect(error?.message).toContain('title: must start with "Recipe:"')
    expect(result.current.status).toBe('error')
    expect(result.current.object).toBeUndefined()
    expect(result.current.partial).toEqual(JSON.parse(result.current.text))
    expect(onError).toHaveBeenCalledWith(error)
  })

  it('an answer cut by max_tokens is an invalid-json error that says so and keeps the text', async () => {
    const { result } = renderObject({ model: 'kindling-text', schema: Recipe, params: { max_tokens: 8 } })
    await act(() => result.current.submit('A recipe'))
    const error = result.current.error as StructuredOutputError
    expect(error).toBeInstanceOf(StructuredOutputError)
    expect(error.reason).toBe('invalid-json')
    expect(error.finishReason).toBe('length')
    expect(error.message).toContain('finish_reason "length"')
    expect(error.text).toBe(result.current.text)
    expect(error.text.length).toBeGreaterThan(0)
    expect(result.current.partial).toBeTypeOf('object')
  })

  it('a cut connection keeps the partial object with the connection error', async () => {
    const { result } = renderObject({
      model: 'kindling-text',
      schema: Recipe,
      requestOptions: { headers: faultHeaders('cut=6') },
    })
    await act(() => result.current.submit('A recipe'))
    expect(result.current.error).toBeInstanceOf(APIConnectionError)
    expect(result.current.text.length).toBeGreaterThan(0)
    expect(result.current.partial).toBeTypeOf('object')
  })

  it('stop() keeps the partial object and text; the server sees the connection closed', async () => {
    const { result } = renderObject({
      model: 'kindling-text',
      schema: Recipe,
      requestOptions: { headers: faultHeaders(undefined, 30) },
    })
    const ended = peer.server.streams.waitForStreamEnd()
    act(() => void result.current.submit('A recipe'))
    await waitFor(() => expect(result.current.partial).toHaveProperty('title'))
    act(() => result.current.stop())
    const { partial, text } = result.current
    expect(result.current.outcome).toBe('stopped')
    expect(result.current.status).toBe('ready')
    expect(result.current.error).toBeUndefined()
    expect(result.current.object).toBeUndefined()
    expect((await ended).end).toBe('client-closed')
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(result.current.partial).toBe(partial)
    expect(result.current.text).toBe(text)
    expect(JSON.stringify(partial).length).toBeLessThan(200)
  })

  it('unmount stops the request; StrictMode does not', async () => {
    const strict = renderObject(
      { model: 'kindling-text', schema: Recipe, requestOptions: { headers: faultHeaders(undefined, 2) } },
      true,
    )
    await act(() => strict.result.current.submit('strict'))
    expect(strict.result.current.outcome).toBe('done')

    const onError = vi.fn()
    const { result, unmount } = renderObject({
      model: 'kindling-text',
      schema: Recipe,
      onError,
      requestOptions: { headers: faultHeaders(undefined, 30) },
    })
    const ended = peer.server.streams.waitForStreamEnd()
    act(() => void result.current.submit('A recipe'))
    await waitFor(() => expect(result.current.text.length).toBeGreaterThan(0))
    unmount()
    expect((await ended).end).toBe('client-closed')
    expect(onError).not.toHaveBeenCalled()
  })

  it('a grammar is sent as response_format grammar (which the built-in models refuse with a 400)', async () => {
    const { result } = renderObject({ model: 'kindling-text', schema: Recipe, grammar: 'root ::= "{}"' })
    await act(() => result.current.submit('A recipe'))
    expect(result.current.error).toBeInstanceOf(InvalidRequestError)
    expect(result.current.error?.message).toMatch(/grammar/)
  })

  it('hooks with the same id share one object completion', async () => {
    const client = peer.client()
    const options = { id: 'shared-object', model: 'kindling-text', schema: Recipe, batchInterval: 0 } as const
    const { result } = renderHook(
      () => ({ a: useObjectCompletion(options), b: useObjectCompletion(options) }),
      { wrapper: ({ children }) => <KindlingProvider client={client}>{children}</KindlingProvider> },
    )
    await act(() => result.current.a.submit('together'))
    expect(result.current.b.object).toBeDefined()
    expect(result.current.b.object).toBe(result.current.a.object)
  })
})
