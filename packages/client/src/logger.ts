// The console logger: a minimum level (as the seed's `level`), off by default, and header
// redaction so an API key never reaches the console.

/** How much a client prints, from most to least verbose; `off` prints nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off'

/** Where log lines go: `console` by default; any object with these four methods works. */
export interface LogSink {
  debug(...args: unknown[]): void
  info(...args: unknown[]): void
  warn(...args: unknown[]): void
  error(...args: unknown[]): void
}

/** A logger bound to a level: calls below the level are dropped before formatting. */
export interface Logger {
  /** The level in effect right now (a client without its own level follows the console level). */
  readonly level: LogLevel
  debug(message: string, details?: Record<string, unknown>): void
  info(message: string, details?: Record<string, unknown>): void
  warn(message: string, details?: Record<string, unknown>): void
  error(message: string, details?: Record<string, unknown>): void
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, off: 100 }

/** True in Node (not in browsers, workers or edge runtimes), without importing any Node module. */
export function isNodeRuntime(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process
  return typeof proc?.versions?.node === 'string'
}

// Off by default: every error a client logs is also thrown to its caller, who decides what to
// print (a test suite or a server that retries would otherwise print what it handles).
let consoleLevel: LogLevel = 'off'

/**
 * Sets the minimum level every client without its own `logLevel` prints to the console.
 * The default is `off`: a client prints nothing unless asked, as every error it logs is also
 * thrown to the caller.
 *
 * @example
 * setConsoleLogLevel('debug') // print every request, response and retry
 */
export function setConsoleLogLevel(level: LogLevel): void {
  if (!(level in rank)) throw new TypeError(`Unknown log level "${String(level)}"`)
  consoleLevel = level
}

/** The level set by {@link setConsoleLogLevel}. */
export function getConsoleLogLevel(): LogLevel {
  return consoleLevel
}

const secretHeaders = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'cookie'])

/**
 * A copy of `headers` safe to print: credentials (`Authorization`, API-key headers, cookies) are
 * replaced by `[redacted]`.
 */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers)
  for (const [name, value] of entries) {
    out[name] = secretHeaders.has(name.toLowerCase()) ? '[redacted]' : value
  }
  return out
}

/**
 * Creates a logger that prints to `sink` (default `console`) at `level`, or at the console level
 * set by {@link setConsoleLogLevel} when `level` is omitted (read on every call, so changing it
 * later affects existing clients).
 */
export function createLogger(level?: LogLevel, sink: LogSink = console): Logger {
  const current = (): LogLevel => level ?? consoleLevel
  const emit = (at: Exclude<LogLevel, 'off'>, message: string, details?: Record<string, unknown>) => {
    if (rank[at] < rank[current()]) return
    if (details === undefined) sink[at](`[kindling] ${message}`)
    else sink[at](`[kindling] ${message}`, details)
  }
  return {
    get level() {
      return current()
    },
    debug: (message, details) => emit('debug', message, details),
    info: (message, details) => emit('info', message, details),
    warn: (message, details) => emit('warn', message, details),
    error: (message, details) => emit('error', message, details),
  }
}
