// Hand-written checks of streamed chunks: the hot path of every stream (tens of thousands of chunks
// per second), a few type tests per field and no allocation. Each says exactly what the zod schema
// of the same name says (`schemas.ts`; the property tests in `__tests__/chunkGuards.test.ts`
// compare them on valid and broken chunks); when one says no, the stream asks the zod schema,
// loaded only then, to name the problem (`explainRejection.ts`).

type Fields = Record<string, unknown>

// zod/mini's rules, as documented: an object is a non-null non-array object; a record needs a
// plain object; a number is finite; an int is a safe integer.
function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isPlainObject(value: unknown): value is Fields {
  if (!isObject(value)) return false
  const ctor = value.constructor
  if (ctor === undefined || typeof ctor !== 'function') return true
  const prototype: unknown = ctor.prototype
  return isObject(prototype) && Object.hasOwn(prototype, 'isPrototypeOf')
}

function isNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value)
}

const isInt = Number.isSafeInteger

function isNullishString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string'
}

function isNullishNumber(value: unknown): boolean {
  return value === undefined || value === null || isNumber(value)
}

function isNullishNumberArray(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (!Array.isArray(value)) return false
  for (let i = 0; i < value.length; i++) if (!isNumber(value[i])) return false
  return true
}

/** `UsageInfoSchema`, or absent/null. */
function isNullishUsage(value: unknown): boolean {
  if (value === undefined || value === null) return true
  return (
    isObject(value) &&
    isNumber(value.prompt_tokens) &&
    isNumber(value.total_tokens) &&
    isNullishNumber(value.completion_tokens)
  )
}

/** The envelope of `responseOf` in `schemas.ts`, choices apart. */
function isEnvelope(value: unknown): value is Fields {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.object === 'string' &&
    isNullishNumber(value.created) &&
    typeof value.model === 'string' &&
    isNullishUsage(value.usage) &&
    (value.perf_metrics === undefined || value.perf_metrics === null || isPlainObject(value.perf_metrics))
  )
}

function isOptionalIndex(value: unknown): boolean {
  return value === undefined || isInt(value)
}

/** `TokenLogprobSchema` (`top` false) or one of its `top_logprobs` entries (`top` true). */
function isTokenLogprob(value: unknown, top: boolean): boolean {
  if (!isObject(value) || typeof value.token !== 'string' || !isNumber(value.logprob)) return false
  if (!isNullishNumberArray(value.bytes)) return false
  if (top) return true
  const tops = value.top_logprobs
  if (tops === undefined || tops === null) return true
  if (!Array.isArray(tops)) return false
  for (let i = 0; i < tops.length; i++) if (!isTokenLogprob(tops[i], true)) return false
  return true
}

/** `ChatLogprobsSchema`, or absent/null. */
function isNullishChatLogprobs(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (!isObject(value)) return false
  const content = value.content
  if (content === undefined || content === null) return true
  if (!Array.isArray(content)) return false
  for (let i = 0; i < content.length; i++) if (!isTokenLogprob(content[i], false)) return false
  return true
}

/** `ToolCallDeltaSchema`. */
function isToolCallDelta(value: unknown): boolean {
  if (!isObject(value) || !isInt(value.index) || !isNullishString(value.id)) return false
  const type = value.type
  if (type !== undefined && type !== null && type !== 'function') return false
  const fn = value.function
  if (fn === undefined || fn === null) return true
  return isObject(fn) && isNullishString(fn.name) && isNullishString(fn.arguments)
}

/** `DeltaMessageSchema`, or absent. */
function isOptionalDelta(value: unknown): boolean {
  if (value === undefined) return true
  if (!isObject(value)) return false
  if (
    !isNullishString(value.role) ||
    !isNullishString(value.content) ||
    !isNullishString(value.reasoning_content)
  )
    return false
  const calls = value.tool_calls
  if (calls === undefined || calls === null) return true
  if (!Array.isArray(calls)) return false
  for (let i = 0; i < calls.length; i++) if (!isToolCallDelta(calls[i])) return false
  return true
}

/** Exactly `ChatCompletionStreamResponseSchema.safeParse(value).success`, without zod. */
export function isChatChunk(value: unknown): boolean {
  if (!isEnvelope(value)) return false
  const choices = value.choices
  if (!Array.isArray(choices)) return false
  for (let i = 0; i < choices.length; i++) {
    const choice: unknown = choices[i]
    if (
      !isObject(choice) ||
      !isOptionalIndex(choice.index) ||
      !isOptionalDelta(choice.delta) ||
      !isNullishString(choice.finish_reason) ||
      !isNullishChatLogprobs(choice.logprobs)
    )
      return false
  }
  return true
}

function isNullishArrayOf(value: unknown, item: (entry: unknown) => boolean): boolean {
  if (value === undefined || value === null) return true
  if (!Array.isArray(value)) return false
  for (let i = 0; i < value.length; i++) if (!item(value[i])) return false
  return true
}

const isString = (value: unknown) => typeof value === 'string'
const isNullableNumber = (value: unknown) => value === null || isNumber(value)
function isNullableNumberRecord(value: unknown): boolean {
  if (value === null) return true
  if (!isPlainObject(value)) return false
  for (const key in value) if (Object.hasOwn(value, key) && !isNumber(value[key])) return false
  return true
}

/** `CompletionLogprobsSchema`, or absent/null. */
function isNullishCompletionLogprobs(value: unknown): boolean {
  if (value === undefined || value === null) return true
  return (
    isObject(value) &&
    isNullishArrayOf(value.tokens, isString) &&
    isNullishArrayOf(value.token_logprobs, isNullableNumber) &&
    isNullishArrayOf(value.top_logprobs, isNullableNumberRecord) &&
    isNullishNumberArray(value.text_offset)
  )
}

/** Exactly `CompletionStreamResponseSchema.safeParse(value).success`, without zod. */
export function isCompletionChunk(value: unknown): boolean {
  if (!isEnvelope(value)) return false
  const choices = value.choices
  if (!Array.isArray(choices)) return false
  for (let i = 0; i < choices.length; i++) {
    const choice: unknown = choices[i]
    if (
      !isObject(choice) ||
      !isOptionalIndex(choice.index) ||
      typeof choice.text !== 'string' ||
      !isNullishString(choice.finish_reason) ||
      !isNullishCompletionLogprobs(choice.logprobs)
    )
      return false
  }
  return true
}
