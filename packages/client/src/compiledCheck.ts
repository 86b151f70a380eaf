import { compile, config, validate, type z } from 'zod/mini'
import { setCompiledCheck } from './validate.ts'

// zod's own compiled validator (`z.compile`) for each schema a stream checks: the same schema,
// generated into one function that checks every field without building any output, so a valid
// chunk allocates next to nothing (`pnpm bench parse`: 0.80× → 0.90× the raw parse floor). It
// costs 9 KB min+gz of zod's compiler, so only the Node entry (`index.node.ts`) installs it.
// Made on first use; `null` where zod cannot compile a schema or eval is off
// (`config({ jitless: true })`, `--disallow-code-generation-from-strings`).
const compiledSchemas = new WeakMap<z.ZodMiniType, z.ZodMiniType | null>()

function compiledOf(schema: z.ZodMiniType): z.ZodMiniType | null {
  let compiled: z.ZodMiniType | null = null
  if (config().jitless !== true) {
    try {
      const clone = compile(schema)
      if (clone !== schema && clone._zod.bag.validator !== undefined) compiled = clone
    } catch {
      compiled = null
    }
  }
  compiledSchemas.set(schema, compiled)
  return compiled
}

/**
 * `true` when zod's compiled validator of `schema` accepts `value`. `false` means "not shown valid":
 * the caller checks again with the interpreted parse, which decides and names the issues.
 */
export function compiledCheck(schema: z.ZodMiniType, value: unknown): boolean {
  const compiled = compiledSchemas.get(schema) ?? compiledOf(schema)
  return compiled !== null && validate(compiled, value)
}

setCompiledCheck(compiledCheck)
