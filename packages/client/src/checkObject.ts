import { safeParse, type z } from 'zod/mini'

/** The outcome of {@link checkObject}: the schema's output, or the issues and a one-line summary. */
export type ObjectCheck<T> =
  | { success: true; data: T }
  | { success: false; issues: readonly z.core.$ZodIssue[]; message: string }

/** A path as a person reads it: `ingredients[2].grams`. */
function formatIssuePath(path: readonly PropertyKey[]): string {
  let result = ''
  for (const key of path)
    result += typeof key === 'number' ? `[${key}]` : `${result === '' ? '' : '.'}${String(key)}`
  return result === '' ? '(root)' : result
}

/**
 * Checks a value (a parsed model answer, say) with a zod schema, classic or mini, through zod's
 * public `safeParse`. On failure `message` names each violation's path: `servings: Too big: …`.
 */
export function checkObject<S extends z.core.$ZodType>(schema: S, value: unknown): ObjectCheck<z.output<S>> {
  const result = safeParse(schema, value)
  if (result.success) return { success: true, data: result.data }
  const issues = result.error.issues
  const message = issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`).join('; ')
  return { success: false, issues, message }
}
