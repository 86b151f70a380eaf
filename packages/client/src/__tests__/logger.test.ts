import { afterEach, describe, expect, it } from 'vitest'
import {
  createLogger,
  getConsoleLogLevel,
  type LogSink,
  redactHeaders,
  setConsoleLogLevel,
} from '../logger.ts'

function memorySink() {
  const lines: [string, unknown[]][] = []
  const sink: LogSink = {
    debug: (...args) => lines.push(['debug', args]),
    info: (...args) => lines.push(['info', args]),
    warn: (...args) => lines.push(['warn', args]),
    error: (...args) => lines.push(['error', args]),
  }
  return { lines, sink }
}

describe('logger', () => {
  const initial = getConsoleLogLevel()
  afterEach(() => setConsoleLogLevel(initial))

  it('prints nothing by default', () => {
    expect(initial).toBe('off')
  })

  it('drops calls below its level', () => {
    const { lines, sink } = memorySink()
    const logger = createLogger('warn', sink)
    logger.debug('d')
    logger.info('i')
    logger.warn('w')
    logger.error('e', { x: 1 })
    expect(lines).toEqual([
      ['warn', ['[kindling] w']],
      ['error', ['[kindling] e', { x: 1 }]],
    ])
  })

  it('follows setConsoleLogLevel when it has no level of its own', () => {
    const { lines, sink } = memorySink()
    const logger = createLogger(undefined, sink)
    setConsoleLogLevel('off')
    logger.error('hidden')
    setConsoleLogLevel('debug')
    logger.debug('shown')
    expect(lines).toEqual([['debug', ['[kindling] shown']]])
    expect(() => setConsoleLogLevel('loud' as never)).toThrow(/Unknown log level/)
  })

  it('redacts credentials in headers', () => {
    expect(
      redactHeaders(
        new Headers({ Authorization: 'Bearer fw_secret', 'x-api-key': 'k', accept: 'text/event-stream' }),
      ),
    ).toEqual({ authorization: '[redacted]', 'x-api-key': '[redacted]', accept: 'text/event-stream' })
    expect(redactHeaders({ Authorization: 'Bearer fw_secret' })).toEqual({ Authorization: '[redacted]' })
  })
})
