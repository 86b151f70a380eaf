import { unknown, type ZodMiniObject, ZodMiniType } from 'zod/mini'
import {
  $constructor,
  type $loose,
  type $ZodLooseShape,
  $ZodObject,
  type $ZodType,
  type ParsePayload,
  type util,
} from 'zod/v4/core'

/**
 * Marks a parse context as a check: see {@link checkContext}. Objects made by {@link looseObject}
 * then only answer "valid or not" for their declared keys, without building an output.
 */
const CHECK = Symbol('kindling.check')

/**
 * A fresh context for `schema._zod.run` that only checks the value. The run stops at the first
 * problem and says no more than `issues.length > 0`; the caller keeps the input (unknown fields
 * included, defaults not applied) and asks zod's parse for the issues when there are any.
 */
export function checkContext(): { async: false } {
  return { async: false, [CHECK]: true } as { async: false }
}

interface Field {
  key: string
  schema: $ZodType
  /** Absence is allowed (`optional`, `nullish`, defaults): zod's `optin`. */
  mayBeAbsent: boolean
}

// zod's object parser builds a result per field and an output object per object: fine for one
// response, but a stream checks ~25 fields per chunk at up to 10⁵ chunks/s. In a check context
// this object passes one payload down through its fields instead and stops at the first issue.
// The field schemas (types, wrappers, arrays, checks) are still zod's and run as zod runs them;
// whatever this reports invalid is parsed again by zod (see `checkResponse`), so it can only be
// stricter, never looser. Same trait name, so it is a `ZodMiniObject` to `instanceof` and to
// zod's functions (`z.extend` clones it with this constructor).
const ZodMiniCheckedObject = /*@__PURE__*/ $constructor('ZodMiniObject', (inst: ZodMiniObject, def) => {
  $ZodObject.init(inst, def)
  ZodMiniType.init(inst, def)
  Object.defineProperty(inst, 'shape', { get: () => inst._zod.def.shape })
  const parse = inst._zod.parse
  let fields: Field[] | undefined
  inst._zod.parse = (payload: ParsePayload, ctx) => {
    if (ctx === undefined || (ctx as { [CHECK]?: true })[CHECK] !== true) return parse(payload, ctx)
    const input = payload.value
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(payload, input)
    fields ??= fieldsOf(inst._zod.def.shape)
    for (const field of fields) {
      const value = (input as Record<string, unknown>)[field.key]
      if (value === undefined && !field.mayBeAbsent && !(field.key in input)) return fail(payload, input)
      payload.value = value
      const result = field.schema._zod.run(payload, ctx) as ParsePayload
      if (result.issues.length > 0) return result
    }
    payload.value = input
    return payload
  }
})

function fieldsOf(shape: Record<string, $ZodType>): Field[] {
  return Object.keys(shape).map((key) => {
    const schema = shape[key] as $ZodType
    return { key, schema, mayBeAbsent: schema._zod.optin !== undefined }
  })
}

function fail(payload: ParsePayload, input: unknown): ParsePayload {
  payload.issues.push({ code: 'invalid_type', expected: 'object', input })
  return payload
}

/**
 * `z.looseObject` of zod/mini (unknown keys pass through) that can also be checked without building
 * an output: see {@link checkContext}. Needs no `eval`, unlike zod's compiled object parser.
 */
export function looseObject<T extends $ZodLooseShape>(shape: T): ZodMiniObject<util.Writeable<T>, $loose> {
  return new ZodMiniCheckedObject({ type: 'object', shape, catchall: unknown() }) as unknown as ZodMiniObject<
    util.Writeable<T>,
    $loose
  >
}
