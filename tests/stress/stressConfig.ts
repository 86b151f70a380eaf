// Sizes of the reliability suite. `pnpm test` runs a small sample; `pnpm test:stress` raises them
// through the environment (see RELIABILITY.md at the repository root).

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {}

function envCount(name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive whole number, got '${raw}'`)
  }
  return value
}

/** Random cases per fuzz property (`KINDLING_FUZZ_RUNS`). */
export const FUZZ_RUNS: number = envCount('KINDLING_FUZZ_RUNS', 100)
/** Every how-many byte offsets a short stream is cut (`KINDLING_TRUNCATION_STRIDE`; 1 = every one). */
export const TRUNCATION_STRIDE: number = envCount('KINDLING_TRUNCATION_STRIDE', 11)
/** Concurrent streams per load round (`KINDLING_LOAD_STREAMS`). */
export const LOAD_STREAMS: number = envCount('KINDLING_LOAD_STREAMS', 100)
/** Rounds of concurrent streams in the memory check (`KINDLING_LOAD_ROUNDS`). */
export const LOAD_ROUNDS: number = envCount('KINDLING_LOAD_ROUNDS', 1)
