import { unknown, type ZodMiniObject, ZodMiniType } from 'zod/mini'
import {
  $constructor,
  type $loose,
  type $ZodLooseShape,
  type $ZodObject,
  $ZodObjectJIT,
  type ParsePayload,
  type util,
} from 'zod/v4/core'

/**
 * Marks a parse context as a check: see {@link checkContext}. Objects then validate their declared
 * keys only (zod's strip mode) instead of also walking and copying the unknown ones.
 */
const CHECK = Symbol('kindling.check')

/**
 * A fresh context for `schema._zod.run` that only checks the value: objects made by
 * {@link looseObject} skip their unknown keys, so the run's output lacks them. The caller keeps
 * the input instead of the output (unknown fields included, defaults not applied).
 */
export function checkContext(): { async: false } {
  return { async: false, [CHECK]: true } as { async: false }
}

// zod/mini's objects are parsed by the interpreted object parser: 2–3× slower per streamed chunk
// than zod classic, whose objects compile a parser for their shape (`new Function`; where eval is
// not allowed, zod falls back to the interpreter). This is a zod/mini object with classic's
// compiled parser: zod core's own JIT, not a parser of ours. Same trait name, so it is a
// `ZodMiniObject` to `instanceof` and to zod's functions (`z.extend` clones it with this constructor).
// In a check context it parses as a strip-mode object of the same shape (built on first use).
const ZodMiniObjectJIT = /*@__PURE__*/ $constructor('ZodMiniObject', (inst: ZodMiniObject, def) => {
  $ZodObjectJIT.init(inst, def)
  ZodMiniType.init(inst, def)
  Object.defineProperty(inst, 'shape', { get: () => inst._zod.def.shape })
  const loose = inst._zod.parse
  let strip: $ZodObject | undefined
  inst._zod.parse = (payload: ParsePayload, ctx) => {
    if (ctx !== undefined && (ctx as { [CHECK]?: true })[CHECK] === true) {
      strip ??= new $ZodObjectJIT({ type: 'object', shape: inst._zod.def.shape })
      // Read each time: a wrapper zod installs on it (the memoizer's) may take itself out again.
      return strip._zod.run(payload, ctx)
    }
    return loose(payload, ctx)
  }
})

/**
 * `z.looseObject` of zod/mini (unknown keys pass through), parsed by zod's compiled object parser.
 */
export function looseObject<T extends $ZodLooseShape>(shape: T): ZodMiniObject<util.Writeable<T>, $loose> {
  return new ZodMiniObjectJIT({ type: 'object', shape, catchall: unknown() }) as unknown as ZodMiniObject<
    util.Writeable<T>,
    $loose
  >
}
