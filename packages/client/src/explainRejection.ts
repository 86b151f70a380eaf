import { safeParse, type z } from 'zod/mini'
import {
  ChatCompletionResponseSchema,
  ChatCompletionStreamResponseSchema,
  CompletionResponseSchema,
  ListModelsResponseSchema,
} from './schemas.ts'

// zod, loaded only when a hand-written check says no (`chunkGuards.ts`) or for a whole response:
// it decides, and names the first problem. Browser bundles keep it in a chunk of its own.

const schemas = {
  ChatCompletionStreamResponseSchema,
  ChatCompletionResponseSchema,
  CompletionResponseSchema,
  ListModelsResponseSchema,
} satisfies Record<string, z.ZodMiniType>

/** The response schemas by name. */
export type SchemaName = keyof typeof schemas

/** The issues zod finds in `value`, or `undefined` when the schema accepts it. */
export function findIssues(name: SchemaName, value: unknown): z.core.$ZodIssue[] | undefined {
  const result = safeParse(schemas[name] as z.ZodMiniType, value, PARSE_PARAMS)
  return result.success ? undefined : result.error.issues
}

// zod/mini ships no messages (a locale would cost more than the schemas): a response only fails by
// a wrong type or value, which these name; anything else says "Invalid input".
const PARSE_PARAMS: z.core.ParseContext<z.core.$ZodIssue> = {
  error(issue) {
    if (issue.code === 'invalid_type') return `expected ${issue.expected}, received ${typeName(issue.input)}`
    if (issue.code === 'invalid_value')
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`
    return undefined
  },
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
}
