import { unknown, type ZodMiniObject, ZodMiniType } from 'zod/mini'
import { $constructor, type $loose, type $ZodLooseShape, $ZodObjectJIT, type util } from 'zod/v4/core'

// zod/mini's objects are parsed by the interpreted object parser: 2–3× slower per streamed chunk
// than zod classic, whose objects compile a parser for their shape (`new Function`; where eval is
// not allowed, zod falls back to the interpreter). This is a zod/mini object with classic's
// compiled parser: zod core's own JIT, not a parser of ours. Same trait name, so it is a
// `ZodMiniObject` to `instanceof` and to zod's functions (`z.extend` clones it with this constructor).
const ZodMiniObjectJIT = /*@__PURE__*/ $constructor('ZodMiniObject', (inst: ZodMiniObject, def) => {
  $ZodObjectJIT.init(inst, def)
  ZodMiniType.init(inst, def)
  Object.defineProperty(inst, 'shape', { get: () => inst._zod.def.shape })
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
