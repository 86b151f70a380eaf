import { describe, expect, it } from 'vitest'
import { toJSONSchema, z } from 'zod'
import * as zm from 'zod/mini'
import { formatSchemaIssues } from '../schemaIssues.ts'
import { defineTool, isZodSchema, toWireTools, wireToolsOf } from '../tools.ts'

// Tool schemas reach the wire and check arguments through the Standard Schema interfaces zod
// implements, so the chat engine does not import zod itself.

const weather = z.object({
  city: z.string().describe('The city'),
  unit: z.enum(['c', 'f']).default('c'),
  days: z.array(z.object({ offset: z.number().int() })).optional(),
})

const withoutDialect = (schema: unknown) => {
  const { $schema: _dialect, ...rest } = schema as Record<string, unknown>
  return rest
}

describe('tool schemas', () => {
  it("sends what zod's toJSONSchema gives, without the dialect", () => {
    const [tool] = toWireTools({ get_weather: defineTool({ description: 'Weather', parameters: weather }) })
    expect(tool?.function).toEqual({
      name: 'get_weather',
      description: 'Weather',
      parameters: withoutDialect(toJSONSchema(weather)),
    })
  })

  it('tells zod schemas (classic and mini) from plain JSON Schema', () => {
    expect(isZodSchema(weather)).toBe(true)
    expect(isZodSchema(zm.object({ a: zm.string() }))).toBe(true)
    expect(isZodSchema({ type: 'object', properties: {} })).toBe(false)
    expect(isZodSchema({ '~standard': { vendor: 'valibot' } })).toBe(false)
  })

  it('converts a zod/mini schema when a chat sends it, and names the fix when called directly', async () => {
    const mini = zm.object({ q: zm.string() })
    expect(() => toWireTools({ search: { parameters: mini } })).toThrow(/zod\/mini/)
    const [tool] = await wireToolsOf({ search: { parameters: mini } })
    expect(tool?.function.parameters).toEqual(withoutDialect(toJSONSchema(mini)))
  })

  it('prints issues with their paths, as zod does', () => {
    const parsed = weather.safeParse({ city: 3, days: [{ offset: 1.5 }] })
    expect(parsed.success).toBe(false)
    expect(formatSchemaIssues(parsed.error?.issues ?? [])).toBe(z.prettifyError(parsed.error as z.ZodError))
    expect(formatSchemaIssues([{ message: 'odd', path: ['a b', { key: 0 }] }])).toBe(
      '✖ odd\n  → at ["a b"][0]',
    )
  })
})
