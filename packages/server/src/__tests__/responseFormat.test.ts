import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { chatText, type Json, jsonChunks, post, serve, user } from './helpers.ts'
import { startStandInUpstream } from './standInUpstream.ts'

// response_format on the built-in models: JSON valid for the request's schema (checked by ajv, not by
// the code that wrote it), deterministic from the seed, streamed or not; grammar is a clear 400.

const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats(ajv)

const Ingredient = z.object({ name: z.string().min(1), grams: z.number().positive().max(5000).optional() })
const SCHEMAS: Record<string, Json> = {
  'a zod recipe (nested objects, arrays, enums, optionals)': z.toJSONSchema(
    z.object({
      title: z.string().min(3).max(60),
      cuisine: z.enum(['italian', 'japanese', 'mexican']),
      servings: z.int().min(1).max(12),
      vegetarian: z.boolean().optional(),
      ingredients: z.array(Ingredient).min(2).max(6),
      steps: z.array(z.string()).min(1),
      created: z.iso.datetime().optional(),
    }),
  ),
  'nested $ref through $defs and a recursive tree': {
    type: 'object',
    $defs: {
      address: {
        type: 'object',
        properties: { city: { type: 'string' }, zip: { type: 'string', minLength: 5, maxLength: 5 } },
        required: ['city', 'zip'],
        additionalProperties: false,
      },
      node: {
        type: 'object',
        properties: {
          label: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/$defs/node' } },
        },
        required: ['label', 'children'],
      },
    },
    properties: {
      home: { $ref: '#/$defs/address' },
      work: { $ref: '#/$defs/address' },
      tree: { $ref: '#/$defs/node' },
    },
    required: ['home', 'tree'],
    additionalProperties: false,
  },
  'numbers with bounds and formats': {
    type: 'object',
    properties: {
      score: { type: 'number', minimum: -1, maximum: 1 },
      count: { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 10 },
      step: { type: 'number', multipleOf: 0.25, minimum: 2, maximum: 3 },
      email: { type: 'string', format: 'email' },
      id: { type: 'string', format: 'uuid' },
      day: { type: 'string', format: 'date' },
      site: { type: 'string', format: 'uri' },
      nothing: { type: 'null' },
      either: { anyOf: [{ type: 'string' }, { type: 'integer', minimum: 100 }] },
    },
    required: ['score', 'count', 'step', 'email', 'id', 'day', 'site', 'nothing', 'either'],
  },
  'an array at the root': {
    type: 'array',
    items: {
      type: 'object',
      properties: { sku: { const: 'A-1' }, qty: { type: 'integer', minimum: 1 } },
      required: ['sku', 'qty'],
    },
    minItems: 1,
    maxItems: 5,
  },
}

const CHAT = '/v1/chat/completions'
const format = (schema: Json, name = 'answer') => ({
  type: 'json_schema',
  json_schema: { name, schema, strict: true },
})

async function content(server: Json, body: Json): Promise<string> {
  const response = await post(server, CHAT, body)
  expect(response.status).toBe(200)
  if (body.stream) return chatText(jsonChunks(await response.text()))
  return (await response.json()).choices[0].message.content
}

describe('response_format json_schema on the built-in models', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`writes JSON valid for ${name}, for any seed, streamed or not`, async () => {
      const server = await serve()
      const validate = ajv.compile(schema)
      const outputs = new Set<string>()
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), async (seed, stream) => {
          const text = await content(server, {
            model: 'kindling-text',
            seed,
            stream,
            messages: [user('A recipe for Sunday lunch in Lisbon')],
            response_format: format(schema),
          })
          const value = JSON.parse(text)
          expect(validate(value), JSON.stringify(validate.errors)).toBe(true)
          outputs.add(text)
        }),
        { numRuns: 25 },
      )
      // Seeds vary the answer (a generator that always wrote the same value would pass the check above).
      expect(outputs.size).toBeGreaterThan(1)
    })
  }

  it('answers the same JSON for the same seed, streamed or not, and another for another seed', async () => {
    const server = await serve()
    const body = {
      model: 'kindling-text',
      messages: [user('Plan a trip')],
      response_format: format(SCHEMAS['nested $ref through $defs and a recursive tree']),
    }
    const whole = await content(server, { ...body, seed: 7 })
    expect(await content(server, { ...body, seed: 7, stream: true })).toBe(whole)
    const others = await Promise.all([8, 9, 10].map((seed) => content(server, { ...body, seed })))
    expect(others.some((other) => other !== whole)).toBe(true)
  })

  it('gives each of n choices its own valid value', async () => {
    const server = await serve()
    const schema = SCHEMAS['a zod recipe (nested objects, arrays, enums, optionals)']
    const response = await post(server, CHAT, {
      model: 'kindling-text',
      n: 3,
      seed: 1,
      messages: [user('Soup')],
      response_format: format(schema),
    })
    const validate = ajv.compile(schema)
    const choices = (await response.json()).choices.map((choice: Json) => choice.message.content)
    for (const choice of choices) expect(validate(JSON.parse(choice))).toBe(true)
    expect(new Set(choices).size).toBeGreaterThan(1)
  })

  it('puts the JSON after the reasoning of kindling-reasoning', async () => {
    const server = await serve()
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] }
    const response = await post(server, CHAT, {
      model: 'kindling-reasoning',
      messages: [user('Is it fine?')],
      response_format: format(schema),
    })
    const { message } = (await response.json()).choices[0]
    expect(message.reasoning_content).toContain('Is it fine?')
    expect(typeof JSON.parse(message.content).ok).toBe('boolean')
  })

  it('writes JSON valid for the schema on /completions too', async () => {
    const server = await serve()
    const schema = SCHEMAS['numbers with bounds and formats']
    const response = await post(server, '/v1/completions', {
      model: 'kindling-text',
      prompt: 'Numbers:',
      seed: 3,
      response_format: format(schema),
    })
    expect(ajv.validate(schema, JSON.parse((await response.json()).choices[0].text))).toBe(true)
  })
})

describe('response_format json_object', () => {
  it('answers some JSON object', async () => {
    const server = await serve()
    for (const stream of [false, true]) {
      const text = await content(server, {
        model: 'kindling-text',
        stream,
        messages: [user('hi')],
        response_format: { type: 'json_object' },
      })
      const value = JSON.parse(text)
      expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true)
      expect(Object.keys(value).length).toBeGreaterThan(0)
    }
  })

  it("follows Fireworks' json_object schema", async () => {
    const server = await serve()
    const schema = { type: 'object', properties: { colour: { enum: ['red', 'blue'] } }, required: ['colour'] }
    const text = await content(server, {
      model: 'kindling-text',
      messages: [user('A colour')],
      response_format: { type: 'json_object', schema },
    })
    expect(ajv.validate(schema, JSON.parse(text))).toBe(true)
  })
})

describe('response_format errors', () => {
  const cases: [string, Json, string][] = [
    [
      'grammar on a built-in model',
      { type: 'grammar', grammar: 'root ::= "yes" | "no"' },
      'response_format.type',
    ],
    ['an unknown type', { type: 'yaml' }, 'response_format.type'],
    ['json_schema without json_schema', { type: 'json_schema' }, 'response_format.json_schema'],
    [
      'a json_schema without a name',
      { type: 'json_schema', json_schema: { schema: {} } },
      'response_format.json_schema.name',
    ],
    [
      'a name with spaces',
      { type: 'json_schema', json_schema: { name: 'my answer' } },
      'response_format.json_schema.name',
    ],
    [
      'a schema that is not an object',
      { type: 'json_schema', json_schema: { name: 'a', schema: 'string' } },
      'response_format.json_schema.schema',
    ],
    [
      'a strict that is not a boolean',
      { type: 'json_schema', json_schema: { name: 'a', strict: 'yes' } },
      'response_format.json_schema.strict',
    ],
  ]
  it.each(cases)('answers 400 naming the parameter for %s', async (_name, responseFormat, param) => {
    const server = await serve()
    for (const path of [CHAT, '/v1/completions']) {
      const body = path === CHAT ? { messages: [user('hi')] } : { prompt: 'hi' }
      const response = await post(server, path, {
        model: 'kindling-text',
        stream: true,
        response_format: responseFormat,
        ...body,
      })
      expect(response.status).toBe(400)
      const { error } = await response.json()
      expect(error.param).toBe(param)
    }
  })

  it('says grammar needs a Fireworks model', async () => {
    const server = await serve()
    const response = await post(server, CHAT, {
      model: 'kindling-text',
      messages: [user('hi')],
      response_format: { type: 'grammar', grammar: 'root ::= "a"' },
    })
    const { error } = await response.json()
    expect(error.code).toBe('unsupported_value')
    expect(error.message).toMatch(/grammar.*Fireworks models only/)
  })

  it('passes grammar through to a proxied model untouched', async () => {
    const upstream = await startStandInUpstream()
    const server = await serve({ upstream: { url: upstream.url, apiKey: 'fw_test' } })
    const responseFormat = { type: 'grammar', grammar: 'root ::= "yes" | "no"' }
    const response = await post(server, CHAT, {
      model: 'accounts/fireworks/models/stand-in',
      messages: [user('hi')],
      response_format: responseFormat,
    })
    expect(response.status).toBe(200)
    expect(JSON.parse(upstream.seen.at(-1)?.body ?? '{}').response_format).toEqual(responseFormat)
  })
})
