import { ResponseValidationError } from './errors.ts'
import type { SchemaName } from './explainRejection.ts'

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

// zod and the schemas load on first use: a stream whose chunks pass its hand-written check never
// needs them, so browser bundles keep them out of the first chunk.
let explainer: Promise<typeof import('./explainRejection.ts')> | undefined
const loadExplainer = () => {
  explainer ??= import('./explainRejection.ts')
  return explainer
}

/**
 * Resolves with `value` when the zod schema `name` accepts it, or rejects with a
 * {@link ResponseValidationError} naming the first bad path, the endpoint and the model.
 * The value is handed on as parsed (unknown fields kept); `normalize.ts` fills in the rest.
 */
export async function validateResponse(
  name: SchemaName,
  value: unknown,
  context: ValidationContext,
): Promise<unknown> {
  const issues = (await loadExplainer()).findIssues(name, value)
  if (issues === undefined) return value
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
