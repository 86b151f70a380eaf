import {
  checkObject,
  type PartialJsonParser,
  type ResponseFormat,
  StructuredOutputError,
} from '@kindling/client'
import type { core } from 'zod'
import { toJSONSchema } from 'zod/mini'
import { isZodSchema, type JsonSchema } from './tools.ts'

// How an object's schema goes on the wire (`response_format`) and how the finished answer is read
// back: parsed to its end and, for a zod schema, validated.

/** The schema of a structured answer: a zod schema (validated) or a plain JSON Schema (unchecked). */
export type ObjectSchema = core.$ZodType | JsonSchema

/** The object a schema describes: a zod schema's output type, `unknown` for a plain JSON Schema. */
export type ObjectOf<S> = S extends core.$ZodType ? core.output<S> : unknown

/** How the schema is named and sent: `json_schema` (default), or a Fireworks GBNF `grammar`. */
export interface ObjectFormatOptions {
  /** `json_schema.name` (letters, digits, `_`, `-`); default `'object'`. */
  name?: string | undefined
  /** `json_schema.description`. */
  description?: string | undefined
  /** `json_schema.strict`; default true. */
  strict?: boolean | undefined
  /**
   * A GBNF grammar (Fireworks models only): sent as `response_format: { type: 'grammar' }` instead of
   * the JSON Schema. The answer must still be JSON; it is parsed and checked with the schema.
   */
  grammar?: string | undefined
}

const wireSchemas = new WeakMap<object, JsonSchema>()

/** The JSON Schema of `schema` (zod's `toJSONSchema`, once per schema). */
export function toWireSchema(schema: ObjectSchema): JsonSchema {
  if (!isZodSchema(schema)) return schema
  let wire = wireSchemas.get(schema)
  if (wire === undefined) {
    // The dialect line is noise to a model and some servers refuse unknown keys (as for tools).
    const { $schema: _dialect, ...rest } = toJSONSchema(schema) as JsonSchema
    wire = rest
    wireSchemas.set(schema, wire)
  }
  return wire
}

/** The `response_format` that asks for an object of `schema`. Throws zod's error for an unrepresentable schema. */
export function toResponseFormat(schema: ObjectSchema, options: ObjectFormatOptions = {}): ResponseFormat {
  if (options.grammar !== undefined) return { type: 'grammar', grammar: options.grammar }
  return {
    type: 'json_schema',
    json_schema: {
      name: options.name ?? 'object',
      schema: toWireSchema(schema),
      strict: options.strict ?? true,
      ...(options.description === undefined ? {} : { description: options.description }),
    },
  }
}

/** A parse failure of the answer as a typed error keeping the whole raw text. */
export function invalidJsonError(
  cause: Error,
  text: string,
  finishReason: string | null,
): StructuredOutputError {
  const cut = finishReason === 'length' ? ' (the answer was cut: finish_reason "length")' : ''
  return new StructuredOutputError(
    'invalid-json',
    `The answer is not valid JSON${cut}: ${cause.message}`,
    text,
    finishReason,
    [],
    { cause },
  )
}

/**
 * Checks a parsed answer with the schema: a zod schema's output, or the value as it is for a plain
 * JSON Schema; a mismatch is a {@link StructuredOutputError} keeping the raw text and zod's issues.
 */
export function checkAnswer(
  schema: ObjectSchema | undefined,
  value: unknown,
  text: string,
  finishReason: string | null,
): { object: unknown } | { error: StructuredOutputError } {
  if (schema === undefined || !isZodSchema(schema)) return { object: value }
  const checked = checkObject(schema, value)
  if (checked.success) return { object: checked.data }
  return {
    error: new StructuredOutputError(
      'schema-mismatch',
      `The answer does not match the schema: ${checked.message}`,
      text,
      finishReason,
      checked.issues,
    ),
  }
}

/** Ends the parse and checks the value: the object, or a typed error keeping the whole text. */
export function finishObject(
  parser: PartialJsonParser,
  parseFailure: Error | undefined,
  schema: ObjectSchema | undefined,
  text: string,
  finishReason: string | null,
): { object: unknown } | { error: StructuredOutputError } {
  if (parseFailure) return { error: invalidJsonError(parseFailure, text, finishReason) }
  let value: unknown
  try {
    value = parser.end()
  } catch (thrown) {
    return { error: invalidJsonError(thrown as Error, text, finishReason) }
  }
  return checkAnswer(schema, value, text, finishReason)
}
