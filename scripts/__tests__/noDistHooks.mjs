// Node module hooks for `configLoading.test.ts`: any import of a package's build output fails, so
// loading a config proves it needs no `pnpm build` first (a fresh clone has no `dist/`).
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context)
  if (/\/packages\/[^/]+\/dist\//.test(resolved.url))
    throw new Error(`${resolved.url} is a build output (imported from ${context.parentURL})`)
  return resolved
}
