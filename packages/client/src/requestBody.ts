import { InvalidArgumentError } from './errors.ts'
import type { RequestOptions } from './request.ts'

// Splits a call's options into what the client uses and what goes on the wire, and enforces the
// seed's rule: the prompt (or messages) comes either positionally or in the options, never both.

const clientOnlyKeys = new Set(['requestTimeout', 'signal', 'headers', 'maxRetries', 'maxResumes'])

/** The request body and the client-side options of one call. */
export interface SplitRequest {
  body: Record<string, unknown>
  options: RequestOptions
  stream: boolean
}

/**
 * Builds the JSON body `{ model, [inputKey]: input, ...parameters }` from a `create()` call.
 * Throws {@link InvalidArgumentError} before any request when the model is missing, or when the
 * input is given twice or not at all.
 */
export function buildRequestBody(
  model: string,
  inputKey: 'prompt' | 'messages',
  positional: unknown,
  options: Record<string, unknown> | undefined,
  what: string,
): SplitRequest {
  if (typeof model !== 'string' || model.trim() === '') {
    throw new InvalidArgumentError(`${what}: \`model\` must be a non-empty string`)
  }
  const fromOptions = options?.[inputKey]
  if (positional !== undefined && fromOptions !== undefined) {
    throw new InvalidArgumentError(
      `${what}: \`${inputKey}\` was given both as an argument and in the options; pass it once`,
    )
  }
  const input = positional ?? fromOptions
  if (input === undefined) {
    throw new InvalidArgumentError(
      `${what}: pass the ${inputKey === 'prompt' ? 'prompt' : 'messages'} as the second argument or as \`${inputKey}\` in the options`,
    )
  }
  const body: Record<string, unknown> = { model, [inputKey]: input }
  const requestOptions: RequestOptions = {}
  let stream = false
  if (options) {
    for (const key of Object.keys(options)) {
      const value = options[key]
      if (key === inputKey || value === undefined) continue
      if (clientOnlyKeys.has(key)) (requestOptions as Record<string, unknown>)[key] = value
      else body[key] = value
    }
    stream = options.stream === true
  }
  body.stream = stream
  return { body, options: requestOptions, stream }
}
