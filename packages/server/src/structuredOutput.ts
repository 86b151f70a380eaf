import { writeProse } from './models/prose.ts'
import { sampleJson } from './models/sampleArguments.ts'
import { createRandom } from './random.ts'
import type { OutputFormat } from './responseFormat.ts'

/**
 * The JSON a built-in model writes for a `json` output format, from `seed` (the request's seed or a
 * hash of its input, plus the choice index): a seeded value valid for the schema (the generator
 * kindling-tools writes arguments with), or with no schema `{"answer": <prose>}`.
 */
export function structuredOutput(
  format: Extract<OutputFormat, { kind: 'json' }>,
  seed: number,
  words: string,
): string {
  if (format.schema === undefined) return JSON.stringify({ answer: writeProse(seed) })
  return JSON.stringify(sampleJson(format.schema, { random: createRandom(seed), words }))
}
