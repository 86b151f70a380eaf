import { createClient, type KindlingClient } from '@kindling/client'

/**
 * Whether the playground asks `baseURL` to keep answers resumable: only on its own origin (the
 * embedded `@kindling/server`), where the `x-kindling-resumable` header needs no CORS preflight. A
 * server without resumable streams ignores it; one with them numbers each stream, and the chat then
 * saves the stream's id with the thread, so a reload continues the answer.
 */
export function isSameOrigin(baseURL: string, origin: string): boolean {
  try {
    return new URL(baseURL, origin).origin === origin
  } catch {
    return false
  }
}

/** The playground's client: no API key in the page (the server holds it), resumable on its own origin. */
export function createPlaygroundClient(baseURL: string, origin: string): KindlingClient {
  return createClient({ baseURL, apiKey: null, resumable: isSameOrigin(baseURL, origin) })
}
