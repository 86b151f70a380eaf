import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import * as zm from 'zod/mini'
import { checkObject } from '../../packages/client/src/checkObject.ts'
import { StructuredOutputError, streamObject } from '../../packages/client/src/streamObject.ts'
import { user, withPeer } from '../support/peer.ts'

// streamObject against @kindling/server's built-in model, which writes JSON valid for the schema it
// is sent: partial objects as the answer streams, the final object validated by zod, typed errors.

const peer = withPeer()

const Recipe = z.object({
  title: z.string().min(3).max(80),
  cuisine: z.enum(['italian', 'japanese', 'mexican']),
  servings: z.int().min(1).max(8),
  ingredients: z.array(z.object({ name: z.string(), grams: z.number().min(1).max(1000).optional() })).min(2),
  steps: z.array(z.string()).min(1).max(5),
})

const SCHEMAS = {
  'a recipe (zod classic)': Recipe,
  'nested optionals and nullables (zod mini)': zm.object({
    user: zm.object({
      name: zm.string(),
      email: zm.optional(zm.email()),
      age: zm.nullable(zm.int().check(zm.gte(0))),
    }),
    tags: zm.array(zm.enum(['a', 'b', 'c'])),
  }),
  'an array at the root': z
    .array(z.object({ id: z.uuid(), done: z.boolean() }))
    .min(1)
    .max(4),
}

describe('streamObject', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`streams partial values and resolves a valid object for ${name}`, async () => {
      for (const seed of [1, 2, 3]) {
        const stream = await streamObject(peer.client(), {
          model: 'kindling-text',
          messages: [user('Sunday lunch in Lisbon')],
          schema: schema as z.ZodType,
          seed,
        })
        const snapshots: string[] = []
        for await (const partial of stream) snapshots.push(JSON.stringify(partial))
        const final = await stream.object
        expect(final).toEqual(JSON.parse(stream.text))
        expect(checkObject(schema as z.ZodType, final).success).toBe(true)
        // The object fills in: several distinct snapshots, the last of them the whole value.
        expect(new Set(snapshots).size).toBeGreaterThan(2)
        expect(snapshots.at(-1)).toBe(JSON.stringify(final))
      }
    })
  }

  it('shows strings filling in while they stream', async () => {
    const stream = await streamObject(peer.client(), {
      model: 'kindling-text',
      messages: [user('Soup')],
      schema: Recipe,
      seed: 4,
    })
    const titles: string[] = []
    for await (const partial of stream) if (typeof partial.title === 'string') titles.push(partial.title)
    const { title } = await stream.object
    expect(titles.length).toBeGreaterThan(1)
    for (const seen of titles) expect(title.startsWith(seen)).toBe(true)
  })

  it('reads the stream itself when only the object is awaited', async () => {
    const stream = await streamObject(peer.client(), {
      model: 'kindling-text',
      messages: [user('Soup')],
      schema: Recipe,
    })
    const recipe = await stream.object
    expect(Recipe.parse(recipe)).toEqual(recipe)
  })

  it('gives a schema-mismatch error that names the violation and keeps the text', async () => {
    // The refinement cannot travel as JSON Schema, so the server's JSON satisfies what it was sent
    // and still fails the stricter zod schema.
    const Shouting = Recipe.extend({
      title: z.string().refine((title) => title === title.toUpperCase(), 'Must be upper case'),
    })
    const stream = await streamObject(peer.client(), {
      model: 'kindling-text',
      messages: [user('Soup for Ana')],
      schema: Shouting,
    })
    let iterationError: unknown
    try {
      for await (const _ of stream) {
        // read to the end
      }
    } catch (error) {
      iterationError = error
    }
    await expect(stream.object).rejects.toBe(iterationError)
    expect(iterationError).toBeInstanceOf(StructuredOutputError)
    const error = iterationError as StructuredOutputError
    expect(error.reason).toBe('schema-mismatch')
    expect(error.message).toContain('title: Must be upper case')
    expect(error.issues.map((issue) => issue.path)).toEqual([['title']])
    expect(error.text).toBe(stream.text)
    expect(Recipe.parse(JSON.parse(error.text)).title).toBeTruthy()
  })

  it('gives an invalid-json error with the raw text when the answer is cut short', async () => {
    const stream = await streamObject(peer.client(), {
      model: 'kindling-text',
      messages: [user('Soup')],
      schema: Recipe,
      max_tokens: 12,
    })
    const error = await stream.object.then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(StructuredOutputError)
    expect(error).toMatchObject({ reason: 'invalid-json', finishReason: 'length', text: stream.text })
    expect((error as Error).message).toContain('finish_reason "length"')
    expect(stream.text.length).toBeGreaterThan(0)
  })

  it('surfaces the server 400 when the request cannot be served', async () => {
    await expect(
      streamObject(peer.client(), {
        model: 'kindling-text',
        messages: [user('x')],
        schema: Recipe,
        name: 'not a name',
      }),
    ).rejects.toMatchObject({ status: 400, param: 'response_format.json_schema.name' })
  })
})
