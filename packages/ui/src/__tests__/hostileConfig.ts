// How hard the hostile-input tests push. `pnpm test` runs a few cases of each family at the sizes
// the issue names; `pnpm test:stress` sets KINDLING_UI_STRESS=1 (read into the browser project's
// env by vitest.workspace.ts) for many more cases, up to twice the sizes.

const stress = (import.meta.env as Record<string, string | undefined>).KINDLING_UI_STRESS === '1'

/** Random cases per family. */
export const HOSTILE_RUNS: number = stress ? 50 : 3
/** Size multiplier for the heavy variants. */
export const HOSTILE_SCALE: number = stress ? 2 : 1
/** Whether this is the stress run. */
export const STRESS: boolean = stress
