import { locales, safeParse, type z } from 'zod/mini'
import { errorResponse } from './errors.ts'

/** A field path as error messages name it: `messages[0].role`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let result = ''
  for (const key of path) {
    if (typeof key === 'number') result += `[${key}]`
    else result += result === '' ? String(key) : `.${String(key)}`
  }
  return result
}

// zod/mini carries no messages; the server, unlike a browser bundle, can afford zod's English ones.
// Given per parse rather than through `z.config`, which would change every zod user in the process.
const ENGLISH: z.core.ParseContext<z.core.$ZodIssue> = { error: locales.en().localeError }

/** A parsed, valid body and its raw text (forwarded as is by the proxy), or the 400 to send back. */
export type ReadResult<T> = { ok: true; value: T; raw: string } | { ok: false; response: Response }

/**
 * Reads a JSON request body and validates it: malformed JSON and every invalid field become a 400
 * whose message and `param` name the first bad field's path.
 */
export async function readRequestBody<T>(request: Request, schema: z.ZodMiniType<T>): Promise<ReadResult<T>> {
  const raw = await request.text()
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'not JSON'
    return {
      ok: false,
      response: errorResponse(400, `The request body is not valid JSON (${reason}).`, {
        code: 'invalid_json',
      }),
    }
  }
  const result = safeParse(schema, json, ENGLISH)
  if (result.success) return { ok: true, value: result.data, raw }
  const issue = result.error.issues[0]
  const param = issue ? formatPath(issue.path) : ''
  const where = param === '' ? 'the request body' : `'${param}'`
  const missing = issue?.code === 'invalid_type' && issue.input === undefined
  return {
    ok: false,
    response: errorResponse(
      400,
      missing
        ? `Missing required parameter: ${where}.`
        : `Invalid value for ${where}: ${issue?.message ?? 'invalid'}.`,
      { code: missing ? 'missing_required_parameter' : 'invalid_value', param: param === '' ? null : param },
    ),
  }
}
