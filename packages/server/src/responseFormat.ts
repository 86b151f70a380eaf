import { InvalidParamError } from './invalidParam.ts'

/** What a request's `response_format` asks a built-in model to write. */
export type OutputFormat =
  | { kind: 'text' }
  /** JSON: valid for `schema` when there is one (`json_schema`, or Fireworks' `json_object` + `schema`). */
  | { kind: 'json'; schema: Record<string, unknown> | undefined }

const NAME = /^[A-Za-z0-9_-]{1,64}$/

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function schemaAt(value: unknown, param: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined
  if (!isRecord(value))
    throw new InvalidParamError(`Invalid value for '${param}': expected a JSON Schema object.`, param)
  return value
}

/**
 * Reads `response_format` as the built-in models serve it: `text`, `json_object` (optionally with
 * Fireworks' `schema`) and `json_schema` (`{ name, schema?, strict? }`, as OpenAI defines it).
 * Throws {@link InvalidParamError} for a malformed format, and for `grammar`, which only Fireworks'
 * own models follow (a proxied request passes it through untouched).
 */
export function readResponseFormat(
  format: { type: string; [key: string]: unknown } | undefined,
): OutputFormat {
  if (format === undefined || format.type === 'text') return { kind: 'text' }
  if (format.type === 'json_object')
    return { kind: 'json', schema: schemaAt(format.schema, 'response_format.schema') }
  if (format.type === 'json_schema') {
    const spec = format.json_schema
    if (!isRecord(spec)) {
      throw new InvalidParamError(
        "Missing required parameter: 'response_format.json_schema'.",
        'response_format.json_schema',
        'missing_required_parameter',
      )
    }
    if (typeof spec.name !== 'string' || !NAME.test(spec.name)) {
      throw new InvalidParamError(
        "Invalid value for 'response_format.json_schema.name': 1 to 64 letters, digits, '_' or '-'.",
        'response_format.json_schema.name',
      )
    }
    if (spec.strict !== undefined && spec.strict !== null && typeof spec.strict !== 'boolean') {
      throw new InvalidParamError(
        "Invalid value for 'response_format.json_schema.strict': expected a boolean.",
        'response_format.json_schema.strict',
      )
    }
    return { kind: 'json', schema: schemaAt(spec.schema, 'response_format.json_schema.schema') ?? {} }
  }
  if (format.type === 'grammar') {
    throw new InvalidParamError(
      "Built-in models cannot follow a grammar: response_format 'grammar' is served by Fireworks models only (use a proxied model, or 'json_schema').",
      'response_format.type',
      'unsupported_value',
    )
  }
  throw new InvalidParamError(
    `Invalid value for 'response_format.type': expected 'text', 'json_object', 'json_schema' or 'grammar', got '${format.type}'.`,
    'response_format.type',
  )
}
