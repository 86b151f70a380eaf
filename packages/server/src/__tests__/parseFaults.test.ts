import { describe, expect, it } from 'vitest'
import { DEFAULT_FAULT_AFTER, parseFaults, splitModelFaults } from '../faults.ts'

describe('parseFaults', () => {
  it('reads items separated by commas, plus signs or spaces', () => {
    expect(parseFaults('cut=3, crlf+ping=2 no-done')).toEqual({
      cutAfter: 3,
      crlf: true,
      pingEvery: 2,
      noDone: true,
    })
  })

  it('reads every HTTP status with its optional value, keeping the first', () => {
    for (const status of [400, 401, 403, 404, 413, 422, 429, 500, 502, 503]) {
      expect(parseFaults(String(status))).toEqual({ http: { status } })
    }
    expect(parseFaults('429=9, 500')).toEqual({ http: { status: 429, value: '9' } })
    expect(parseFaults('400=messages[0].content')).toEqual({
      http: { status: 400, value: 'messages[0].content' },
    })
  })

  it('gives mid-stream faults written without N the default N', () => {
    expect(parseFaults('cut stall malformed error-event error-chunk')).toEqual({
      cutAfter: DEFAULT_FAULT_AFTER,
      stallAfter: DEFAULT_FAULT_AFTER,
      malformedAfter: DEFAULT_FAULT_AFTER,
      errorEventAfter: DEFAULT_FAULT_AFTER,
      errorChunkAfter: DEFAULT_FAULT_AFTER,
    })
    expect(parseFaults('cut=0')).toEqual({ cutAfter: 0 })
    expect(parseFaults('delay=15')).toEqual({ delayMs: 15 })
    expect(parseFaults('')).toEqual({})
  })

  it('rejects unknown names, unknown statuses and counts that are not whole numbers', () => {
    expect(() => parseFaults('boom')).toThrow(/unknown fault 'boom'/)
    expect(() => parseFaults('418')).toThrow(/unknown fault '418'/)
    expect(() => parseFaults('cut=-1')).toThrow(/whole number/)
    expect(() => parseFaults('stall=1.5')).toThrow(/whole number/)
  })
})

describe('splitModelFaults', () => {
  it('splits at the first plus sign', () => {
    expect(splitModelFaults('kindling-echo+cut=3+crlf')).toEqual({
      model: 'kindling-echo',
      spec: 'cut=3+crlf',
    })
    expect(splitModelFaults('kindling-echo')).toEqual({ model: 'kindling-echo', spec: null })
  })
})
