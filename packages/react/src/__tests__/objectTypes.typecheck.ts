import { z } from 'zod'
import type { ObjectCompletionState } from '../core/objectStore.ts'
import type { UseObjectCompletionOptions, UseObjectCompletionResult } from '../useObjectCompletion.ts'

// Checked by `pnpm typecheck` (tsc), not run: each `@ts-expect-error` fails the typecheck if the
// line after it compiles, so a type that got looser is caught.

const Recipe = z.object({ title: z.string(), steps: z.array(z.object({ text: z.string() })) })

export const good: UseObjectCompletionOptions<typeof Recipe> = {
  model: 'kindling-text',
  schema: Recipe,
  params: { max_tokens: 256, seed: 1 },
}

export const badParam: UseObjectCompletionOptions<typeof Recipe> = {
  model: 'kindling-text',
  schema: Recipe,
  // @ts-expect-error a known wire parameter keeps its type in `params`
  params: { max_tokens: 'many' },
}

export const ownFormat: UseObjectCompletionOptions<typeof Recipe> = {
  model: 'kindling-text',
  schema: Recipe,
  // @ts-expect-error response_format comes from the schema
  params: { response_format: { type: 'text' } },
}

export function read(result: UseObjectCompletionResult<z.output<typeof Recipe>>): string | undefined {
  const partial: ObjectCompletionState<z.output<typeof Recipe>>['partial'] = result.partial
  // Deep-partial while it streams: every level may be missing.
  const first = partial?.steps?.[0]?.text
  let title: string | undefined
  if (partial) {
    // @ts-expect-error the partial object's fields may be missing
    title = partial.title satisfies string
  }
  // The final object is the schema's output, complete.
  const done: string | undefined = result.object?.steps[0]?.text
  return first ?? done ?? title
}
