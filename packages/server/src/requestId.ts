import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'

/** The response header that names a request, as OpenAI and Fireworks send it. */
export const REQUEST_ID_HEADER = 'x-request-id'

/** A fresh request id in OpenAI's style: `req_` and 32 hex digits. */
export function newRequestId(): string {
  return `req_${randomUUID().replaceAll('-', '')}`
}

/**
 * Gives every response an `x-request-id` (openai-node reads it into `request_id`): the upstream's when
 * a proxied answer carries one, else a new one. Errors and 404s included, so a user can quote it.
 */
export function requestIdMiddleware(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    if (!c.res.headers.has(REQUEST_ID_HEADER)) c.res.headers.set(REQUEST_ID_HEADER, newRequestId())
  }
}
