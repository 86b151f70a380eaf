import type { UpstreamOptions } from './options.ts'

/** The upstream as the proxy uses it: a URL without credentials and the headers that authorise it. */
export interface ResolvedUpstream {
  /** Base URL with no `user:pass@`, e.g. `https://api.fireworks.ai/inference/v1`. */
  url: string
  /** `Bearer <key>`, or `Basic …` when the configured URL carried credentials. */
  authorization: string
  /** Everything to redact from what the upstream sends back and from logs. */
  secrets: string[]
}

/**
 * Resolves {@link UpstreamOptions}: credentials in the URL (`https://user:pass@host/v1`) are taken
 * out of it and sent as HTTP basic auth instead of the bearer key (fetch refuses such URLs, and a
 * URL is printed in places a password must not be). Throws, without quoting the URL, if it is not
 * an http(s) URL.
 */
export function resolveUpstream(upstream: UpstreamOptions): ResolvedUpstream {
  let url: URL
  try {
    url = new URL(upstream.url)
  } catch {
    throw new Error('The upstream URL is not a valid URL (it is not repeated here: it may hold credentials).')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The upstream URL must be http or https, not ${url.protocol}`)
  }
  const encoded = `${url.username}:${url.password}`
  const user = decodeURIComponent(url.username)
  const password = decodeURIComponent(url.password)
  url.username = ''
  url.password = ''
  const base = url.href.replace(/\/+$/, '')
  if (!user && !password) {
    return { url: base, authorization: `Bearer ${upstream.apiKey}`, secrets: [upstream.apiKey] }
  }
  const basic = Buffer.from(`${user}:${password}`).toString('base64')
  // A short password alone would redact every common word it matches; its longer forms still go.
  const secrets = [upstream.apiKey, basic, `${user}:${password}`, encoded]
  if (password.length >= 8) secrets.push(password)
  return { url: base, authorization: `Basic ${basic}`, secrets: secrets.filter(Boolean) }
}

/** The upstream URL to show in a banner or log: credentials replaced, so it is safe to print. */
export function displayUpstreamUrl(raw: string): string {
  try {
    const url = new URL(raw)
    const hadCredentials = url.username !== '' || url.password !== ''
    url.username = ''
    url.password = ''
    return `${url.href.replace(/\/+$/, '')}${hadCredentials ? ' (with basic auth)' : ''}`
  } catch {
    return '(an invalid URL)'
  }
}
