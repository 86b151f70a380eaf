import { safeParse, type z } from 'zod/mini'
import { ResponseValidationError } from './errors.ts'
import { checkContext } from './looseObject.ts'

/** Which response is being read, for error messages. */
export interface ValidationContext {
  /** What is being read, e.g. `chat completion chunk`. */
  what: string
  endpoint: string
  model?: string | undefined
  headers?: Headers | undefined
}

/** `['choices', 0, 'delta']` → `choices[0].delta`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}

function where(context: ValidationContext): string {
  return `${context.endpoint}${context.model ? ` (model "${context.model}")` : ''}`
}

/**
 * Checks `value` against `schema` and returns the parsed value (unknown fields kept), or throws a
 * {@link ResponseValidationError} naming the first bad path, the endpoint and the model.
 */
export function validateResponse<T>(schema: z.ZodMiniType<T>, value: unknown, context: ValidationContext): T {
  const result = safeParse(schema, value)
  if (result.success) return result.data
  return invalid(schema, value, context)
}

/**
 * Checks `value` against `schema` and returns `value` itself, or throws like
 * {@link validateResponse}. The streams' hot path: objects check their declared keys without
 * building anything (see `looseObject.ts`), and the caller gets the parsed JSON as it came
 * (unknown fields and all).
 * Defaults of the schema are not applied: the caller fills them in.
 */
export function checkResponse<T>(schema: z.ZodMiniType<T>, value: unknown, context: ValidationContext): T {
  if (compiledCheck?.(schema, value) === true) return value as T
  const result = schema._zod.run({ value, issues: [] }, checkContext())
  if (result instanceof Promise) throw new Error('asynchronous schema')
  if (result.issues.length === 0) return value as T
  // The check stops at the first problem without describing it: zod's parse has the last word.
  if (safeParse(schema, value).success) return value as T
  return invalid(schema, value, context)
}

// A faster check of valid values installed by the Node entry (see `compiledCheck.ts`); browsers
// keep the interpreted check and skip the bytes of zod's compiler.
let compiledCheck: ((schema: z.ZodMiniType, value: unknown) => boolean) | undefined

/** Installs the check {@link checkResponse} tries first; `false` from it means "check again". */
export function setCompiledCheck(check: (schema: z.ZodMiniType, value: unknown) => boolean): void {
  compiledCheck = check
}

// Apart from the hot path: parsing again with the messages costs nothing on a valid response.
function invalid<T>(schema: z.ZodMiniType<T>, value: unknown, context: ValidationContext): never {
  const result = safeParse(schema, value, PARSE_PARAMS)
  const issues = result.error?.issues ?? []
  const issue = issues[0]
  const path = issue ? formatPath(issue.path) : ''
  const problem = issue ? issue.message : 'invalid'
  const others = issues.length - 1
  return throwValidation(
    `Invalid ${context.what} from ${where(context)}: ${path || '(root)'}: ${problem}${
      others > 0 ? ` (and ${others} more problem${others > 1 ? 's' : ''})` : ''
    }`,
    path,
    value,
    context,
  )
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

/** Parses JSON text, or throws a {@link ResponseValidationError} that quotes the start of it. */
export function parseJSONResponse(text: string, context: ValidationContext): unknown {
  try {
    return JSON.parse(text)
  } catch {
    const excerpt = text.length > 120 ? `${text.slice(0, 120)}…` : text
    return throwValidation(
      `Invalid ${context.what} from ${where(context)}: not valid JSON: ${JSON.stringify(excerpt)}`,
      '',
      text,
      context,
    )
  }
}

function throwValidation(message: string, path: string, body: unknown, context: ValidationContext): never {
  throw new ResponseValidationError({
    message,
    path,
    body,
    headers: context.headers,
    endpoint: context.endpoint,
    model: context.model,
  })
}
