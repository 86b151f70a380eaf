import { KindlingError } from '@kindling/client'

/** Errors from the client pass through; anything else (a throwing callback, say) is wrapped. */
export function toKindlingError(thrown: unknown): KindlingError {
  if (thrown instanceof KindlingError) return thrown
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return new KindlingError(message, { cause: thrown })
}
