import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { chatText, type Json, jsonChunks, post, serve, user } from './helpers.ts'

// kindling-tools as a function-calling model: arguments valid against each tool's declared schema
// (checked by ajv, not by the code that wrote them), tool_choice, parallel calls, answers from tool
// results, and the badargs fault.

const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats(ajv)

const tool = (name: string, parameters: Json, description?: string) => ({
  type: 'function',
  function: { name, parameters, ...(description ? { description } : {}) },
})

const SCHEMAS: Record<string, Json> = {
  'zod object with bounds and optionals': z.toJSONSchema(
    z.object({
      city: z.string().min(2).max(40),
      days: z.int().min(1).max(7).optional(),
      unit: z.enum(['celsius', 'fahrenheit']).optional(),
      tags: z.array(z.string()).min(1).max(3).optional(),
      verbose: z.boolean().optional(),
    }),
  ),
  'nested objects and arrays of objects': {
    type: 'object',
    properties: {
      trip: {
        type: 'object',
        properties: {
          from: { type: 'string', minLength: 3 },
          stops: {
            type: 'array',
            minItems: 2,
            maxItems: 4,
            items: {
              type: 'object',
              properties: { place: { type: 'string' }, nights: { type: 'integer', minimum: 0, maximum: 3 } },
              required: ['place'],
              additionalProperties: false,
            },
          },
        },
        required: ['from', 'stops'],
      },
      budget: { type: 'number', exclusiveMinimum: 100, exclusiveMaximum: 5000 },
    },
    required: ['trip'],
    additionalProperties: false,
  },
  'numbers, enums and unique items': {
    type: 'object',
    properties: {
      count: { type: 'integer', minimum: 10, maximum: 20, multipleOf: 5 },
      ratio: { type: 'number', minimum: 0, maximum: 1 },
      level: { type: 'integer', enum: [1, 2, 3] },
      colours: { type: 'array', items: { enum: ['red', 'green', 'blue'] }, minItems: 2, uniqueItems: true },
      huge: { type: 'integer', minimum: 1_000_000 },
      negative: { type: 'integer', maximum: -10 },
    },
    required: ['count', 'ratio', 'level', 'colours', 'huge', 'negative'],
  },
  'formats, patterns, const and nullables': {
    type: 'object',
    properties: {
      when: { type: 'string', format: 'date-time' },
      day: { type: 'string', format: 'date' },
      email: { type: 'string', format: 'email' },
      link: { type: 'string', format: 'uri' },
      id: { type: 'string', format: 'uuid' },
      code: { type: 'string', pattern: '^[A-Z]{3}$', examples: ['OSL'] },
      short: { type: 'string', maxLength: 3 },
      kind: { const: 'lookup' },
      note: { type: ['string', 'null'] },
    },
    required: ['when', 'day', 'email', 'link', 'id', 'code', 'short', 'kind', 'note'],
  },
  'anyOf, oneOf, allOf and a recursive $ref': {
    type: 'object',
    $defs: {
      node: {
        type: 'object',
        properties: {
          label: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/$defs/node' } },
        },
        required: ['label'],
      },
    },
    properties: {
      amount: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'number' }] },
      shape: {
        oneOf: [
          { type: 'object', properties: { circle: { type: 'number', minimum: 1 } }, required: ['circle'] },
          { type: 'string', enum: ['square'] },
        ],
      },
      both: {
        allOf: [
          { properties: { a: { type: 'string' } }, required: ['a'] },
          { properties: { b: { type: 'integer' } }, required: ['b'] },
        ],
      },
      tree: { $ref: '#/$defs/node' },
    },
    required: ['amount', 'shape', 'both', 'tree'],
  },
  'no parameters at all': undefined,
}

async function callTool(server: Awaited<ReturnType<typeof serve>>, body: Record<string, unknown>) {
  const response = await post(server, '/v1/chat/completions', { model: 'kindling-tools', ...body })
  expect(response.status).toBe(200)
  return response.json()
}
const callsOf = (response: Json): Json[] => response.choices[0].message.tool_calls ?? []

describe('kindling-tools arguments', () => {
  it.each(Object.entries(SCHEMAS))('satisfy the declared schema: %s', async (_, schema) => {
    const server = await serve()
    const validate = ajv.compile(schema ?? { type: 'object' })
    const seen = new Set<string>()
    for (const seed of [undefined, ...Array.from({ length: 25 }, (_, i) => i * 7919)]) {
      const body = {
        messages: [user('Plan a trip from Oslo to Kyoto')],
        tools: [tool('plan', schema)],
        tool_choice: { type: 'function', function: { name: 'plan' } },
        ...(seed === undefined ? {} : { seed }),
      }
      const [call] = callsOf(await callTool(server, body))
      const args = JSON.parse(call.function.arguments)
      expect(validate(args), `${call.function.arguments}\n${ajv.errorsText(validate.errors)}`).toBe(true)
      // The same seed writes the same arguments.
      const [again] = callsOf(await callTool(server, body))
      expect(again.function.arguments).toBe(call.function.arguments)
      seen.add(call.function.arguments)
    }
    if (schema && Object.keys(schema.properties ?? {}).length > 1) expect(seen.size).toBeGreaterThan(3)
  })

  it('without a seed, fill every property with the user words, first enum values and 1', async () => {
    const server = await serve()
    const [call] = callsOf(
      await callTool(server, {
        messages: [user('What is the weather in Lisbon?')],
        tools: [tool('get_weather', SCHEMAS['zod object with bounds and optionals'])],
      }),
    )
    expect(JSON.parse(call.function.arguments)).toEqual({
      city: 'Lisbon',
      days: 1,
      unit: 'celsius',
      tags: ['Lisbon'],
      verbose: true,
    })
  })

  it('with a seed, sometimes leave optional properties out, never required ones', async () => {
    const server = await serve()
    const keys = new Set<string>()
    for (let seed = 1; seed <= 20; seed++) {
      const [call] = callsOf(
        await callTool(server, {
          seed,
          messages: [user('Weather in Lisbon')],
          tools: [tool('get_weather', SCHEMAS['zod object with bounds and optionals'])],
        }),
      )
      const args = JSON.parse(call.function.arguments)
      expect(args.city).toEqual(expect.any(String))
      keys.add(Object.keys(args).sort().join(','))
    }
    expect(keys.size).toBeGreaterThan(2)
  })
})

const weather = tool('get_weather', {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
})
const time = tool('get_time', { type: 'object', properties: { zone: { type: 'string' } } })
const stocks = tool('lookupStockPrice', { type: 'object', properties: { symbol: { type: 'string' } } })
const names = (response: Json) => callsOf(response).map((call: Json) => call.function.name)

describe('kindling-tools tool choice', () => {
  it('calls the tools the message is about, in parallel unless told not to', async () => {
    const server = await serve()
    const tools = [weather, time, stocks]
    expect(
      names(await callTool(server, { tools, messages: [user('What is the weather in Rome?')] })),
    ).toEqual(['get_weather'])
    const both = { tools, messages: [user('The weather and the time in Rome, please')] }
    expect(names(await callTool(server, both))).toEqual(['get_weather', 'get_time'])
    expect(names(await callTool(server, { ...both, parallel_tool_calls: false }))).toEqual(['get_weather'])
    expect(names(await callTool(server, { tools, messages: [user('Stock price of ACME?')] }))).toEqual([
      'lookupStockPrice',
    ])
  })

  it('picks from the tools by the seed when the message is about none of them', async () => {
    const server = await serve()
    const tools = [weather, time, stocks]
    const picks = new Set<string>()
    for (let seed = 0; seed < 12; seed++) {
      const body = { seed, tools, parallel_tool_calls: false, messages: [user('Surprise me')] }
      const picked = names(await callTool(server, body))
      expect(picked).toHaveLength(1)
      expect(names(await callTool(server, body))).toEqual(picked)
      picks.add(picked[0])
    }
    expect(picks.size).toBeGreaterThan(1)
    // Without a seed it calls every tool it was given.
    expect(names(await callTool(server, { tools, messages: [user('Surprise me')] }))).toEqual([
      'get_weather',
      'get_time',
      'lookupStockPrice',
    ])
  })

  it('honours tool_choice none, required and a named function', async () => {
    const server = await serve()
    const tools = [weather, time]
    const messages = [user('What is the weather in Rome?')]
    const none = await callTool(server, { tools, messages, tool_choice: 'none' })
    expect(none.choices[0].finish_reason).toBe('stop')
    expect(none.choices[0].message.tool_calls).toBeUndefined()
    expect(none.choices[0].message.content.length).toBeGreaterThan(20)
    const named = await callTool(server, {
      tools,
      messages,
      tool_choice: { type: 'function', function: { name: 'get_time' } },
    })
    expect(names(named)).toEqual(['get_time'])
    const unknown = await callTool(server, {
      tools,
      messages,
      tool_choice: { type: 'function', function: { name: 'get_mood' } },
    })
    expect(unknown.choices[0].message.content).toContain('get_mood')
    expect(names(await callTool(server, { tools, messages, tool_choice: 'required' }))).toEqual([
      'get_weather',
    ])
  })

  it('answers the tool results in prose under auto, and calls again when a call is required', async () => {
    const server = await serve()
    const first = await callTool(server, { tools: [weather], messages: [user('Weather in Oslo?')] })
    const assistant = first.choices[0].message
    const [call] = assistant.tool_calls
    const messages = [
      user('Weather in Oslo?'),
      assistant,
      { role: 'tool', tool_call_id: call.id, content: '{"temperature":3,"sky":"grey"}' },
    ]
    const answer = await callTool(server, { tools: [weather], messages })
    expect(answer.choices[0].finish_reason).toBe('stop')
    expect(answer.choices[0].message.content).toContain('get_weather returned {"temperature":3,"sky":"grey"}')
    const streamed = jsonChunks(
      await (
        await post(server, '/v1/chat/completions', {
          model: 'kindling-tools',
          tools: [weather],
          messages,
          stream: true,
        })
      ).text(),
    )
    expect(chatText(streamed)).toBe(answer.choices[0].message.content)
    const failed = await callTool(server, {
      tools: [weather],
      messages: [
        ...messages.slice(0, 2),
        { role: 'tool', tool_call_id: call.id, content: '{"error":"no such city"}' },
      ],
    })
    expect(failed.choices[0].message.content).toContain('get_weather failed: no such city.')
    const again = await callTool(server, { tools: [weather], messages, tool_choice: 'required' })
    expect(again.choices[0].finish_reason).toBe('tool_calls')
    expect(callsOf(again)[0].id).not.toBe(call.id)
  })
})

describe('the badargs fault', () => {
  const schema = weather.function.parameters
  const validate = ajv.compile(schema)

  it('sends tool arguments that are not JSON, streamed and whole, from the suffix or the header', async () => {
    const server = await serve()
    const body = { model: 'kindling-tools+badargs', tools: [weather], messages: [user('Weather in Oslo?')] }
    const whole = await (await post(server, '/v1/chat/completions', body)).json()
    const args = callsOf(whole)[0].function.arguments
    expect(() => JSON.parse(args)).toThrow(SyntaxError)
    const chunks = jsonChunks(
      await (
        await post(
          server,
          '/v1/chat/completions',
          { ...body, model: 'kindling-tools', stream: true },
          {
            'x-kindling-fault': 'badargs',
          },
        )
      ).text(),
    )
    const streamed = chunks
      .flatMap((chunk: Json) => chunk.choices[0]?.delta.tool_calls ?? [])
      .map((fragment: Json) => fragment.function.arguments)
      .join('')
    expect(streamed).toBe(args)
  })

  it('sends JSON that breaks the schema with badargs=schema', async () => {
    const server = await serve()
    const body = {
      model: 'kindling-tools+badargs=schema',
      tools: [weather],
      messages: [user('Weather in Oslo?')],
    }
    const args = JSON.parse(
      callsOf(await (await post(server, '/v1/chat/completions', body)).json())[0].function.arguments,
    )
    expect(validate(args)).toBe(false)
    const loose = tool('loose', { type: 'object', properties: { n: { type: 'integer' } } })
    const second = await (
      await post(server, '/v1/chat/completions', { ...body, tools: [loose], tool_choice: 'required' })
    ).json()
    expect(ajv.validate(loose.function.parameters, JSON.parse(callsOf(second)[0].function.arguments))).toBe(
      false,
    )
  })

  it('is refused with a clear 400 for an unknown kind', async () => {
    const server = await serve()
    const response = await post(server, '/v1/chat/completions', {
      model: 'kindling-tools+badargs=sometimes',
      tools: [weather],
      messages: [user('x')],
    })
    expect(response.status).toBe(400)
    expect((await response.json()).error.message).toContain('badargs=sometimes')
  })
})
