import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { errorResponse } from './errors.ts'
import { hostnameOfHostHeader, isLoopbackHostname, isLoopbackOrigin } from './loopback.ts'

/** Which callers a server answers, resolved from the options once. */
export interface CallerPolicy {
  /** Origins allowed by CORS besides the server's own: a list, `'*'`, or `false` for none. */
  cors: string[] | '*' | false
  /** Also allow any loopback origin (the dev default: no key to protect, any local port works). */
  loopbackOrigins: boolean
  /** Host names answered besides loopback ones (a leading `.` allows subdomains), or `true` for any. */
  allowedHosts: string[] | true
  /** Whether the server holds an upstream key (said in refusals, which are stricter then). */
  proxy: boolean
}

function hostAllowed(policy: CallerPolicy, host: string): boolean {
  if (policy.allowedHosts === true) return true
  const hostname = hostnameOfHostHeader(host)
  if (isLoopbackHostname(hostname)) return true
  return policy.allowedHosts.some((entry) => {
    const allowed = entry.trim().toLowerCase()
    if (allowed.startsWith('.')) return hostname === allowed.slice(1) || hostname.endsWith(allowed)
    return hostname === hostnameOfHostHeader(allowed)
  })
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false
  try {
    return new URL(origin).host === host.trim().toLowerCase()
  } catch {
    return false
  }
}

/** Whether a request from `origin` (its `Origin` header) to `host` (its `Host` header) may be answered. */
export function originAllowed(policy: CallerPolicy, origin: string, host: string | undefined): boolean {
  if (policy.cors === '*') return true
  if (sameOrigin(origin, host)) return true
  if (policy.cors !== false && policy.cors.includes(origin)) return true
  return policy.loopbackOrigins && isLoopbackOrigin(origin)
}

function hostRefused(host: string): Response {
  return errorResponse(
    403,
    `The Host '${host}' is not allowed: this server answers loopback names only (localhost, 127.0.0.1, [::1]), which keeps a DNS-rebinding page away from it. To serve this name, start kindling-server with --allowed-hosts ${hostnameOfHostHeader(host)} (env KINDLING_ALLOWED_HOSTS) or pass allowedHosts.`,
    { type: 'permission_error', code: 'host_not_allowed' },
  )
}

function originRefused(policy: CallerPolicy, origin: string): Response {
  const allowed =
    policy.cors === false
      ? 'no other origin (CORS is off)'
      : [...(policy.loopbackOrigins ? ['any loopback origin'] : []), ...policy.cors].join(', ') ||
        'no other origin'
  const why = policy.proxy
    ? ' This server holds an API key, so only origins listed explicitly may use it.'
    : ''
  const headers: Record<string, string> = { vary: 'Origin' }
  // The refusal itself is readable by the page, so the developer sees why (it reveals nothing else).
  if (policy.cors !== false) headers['access-control-allow-origin'] = origin
  // Any sandboxed frame or file:// page on any site says `null`: no advice to allow it.
  const fix =
    origin === 'null'
      ? 'Sandboxed frames and file:// pages send this origin; serve the page from an http(s) origin instead.'
      : `To allow it, start kindling-server with --cors ${origin} (env KINDLING_CORS, comma-separated) or pass cors: ['${origin}'].`
  return errorResponse(
    403,
    `The origin '${origin}' may not use this server.${why} Allowed: the server's own origin, ${allowed}. ${fix}`,
    { type: 'permission_error', code: 'origin_not_allowed', headers },
  )
}

/**
 * Refuses, before anything is read, generated or forwarded: a `Host` that is not allowed (DNS
 * rebinding) and an `Origin` that is not allowed (`Origin: null` included), each with a 403 naming
 * the option that would allow it; then adds CORS headers for allowed origins.
 */
export function requestGuard(policy: CallerPolicy): MiddlewareHandler[] {
  const guard: MiddlewareHandler = async (c, next) => {
    const host = c.req.header('host')
    if (host !== undefined && !hostAllowed(policy, host)) return hostRefused(host)
    const origin = c.req.header('origin')
    if (origin !== undefined && !originAllowed(policy, origin, host)) return originRefused(policy, origin)
    // An image, script or link on another site sends no Origin, but the browser says where it is from.
    if (origin === undefined && policy.cors !== '*' && c.req.header('sec-fetch-site') === 'cross-site') {
      return errorResponse(
        403,
        'A cross-site request with no Origin (an image, script or link on another site) may not use this server.',
        { type: 'permission_error', code: 'origin_not_allowed' },
      )
    }
    await next()
  }
  if (policy.cors === false) return [guard]
  const headers = cors({
    origin: (origin, c) => {
      if (origin === '') return null
      if (policy.cors === '*') return '*'
      return originAllowed(policy, origin, c.req.header('host')) ? origin : null
    },
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    exposeHeaders: ['Retry-After', 'X-Request-Id', 'X-Kindling-Stream-Id', 'X-Kindling-Resume-Token'],
    maxAge: 600,
  })
  return [guard, headers]
}

const JSON_MEDIA_TYPE = /^application\/json\s*(?:;|$)/i

/**
 * JSON endpoints take `application/json` only: any other type (`text/plain`, forms) is what a
 * cross-site page can send without a CORS preflight, so it gets a 415.
 */
export const requireJson: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type')
  if (type === undefined || !JSON_MEDIA_TYPE.test(type.trim())) {
    return errorResponse(
      415,
      `This endpoint takes a JSON body with 'content-type: application/json'; got ${type === undefined ? 'no content type' : `'${type}'`}.`,
      { code: 'unsupported_media_type', param: 'content-type' },
    )
  }
  await next()
}
