// Names that can only mean this machine. Browsers resolve `localhost` and `*.localhost` to loopback
// themselves, so a DNS rebinding attack cannot use them.
const IPV4_LOOPBACK = /^127(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
const IPV6_LOOPBACK = new Set(['::1', '0:0:0:0:0:0:0:1'])

/** Whether a host name (no port; IPv6 with or without brackets) is a loopback name or address. */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase()
  const bare = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name
  return (
    bare === 'localhost' ||
    bare.endsWith('.localhost') ||
    IPV4_LOOPBACK.test(bare) ||
    IPV6_LOOPBACK.has(bare) ||
    bare === '::ffff:127.0.0.1'
  )
}

/** The host name of a `Host` header value (`example.com:8787` → `example.com`, `[::1]:80` → `[::1]`). */
export function hostnameOfHostHeader(host: string): string {
  const value = host.trim().toLowerCase()
  if (value.startsWith('[')) {
    const end = value.indexOf(']')
    return end === -1 ? value : value.slice(0, end + 1)
  }
  const colon = value.indexOf(':')
  return colon === -1 ? value : value.slice(0, colon)
}

/** Whether an `Origin` header names a loopback origin (`http(s)://localhost|127.x|[::1]`, any port). */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin)
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHostname(url.hostname)
  } catch {
    return false
  }
}
