import { describe, expect, it } from 'vitest'
import { encodeFrame, MALFORMED_CHUNK, type SseFrame, sseFrames } from '../sse.ts'

const chunks = [{ n: 1 }, { n: 2 }, { n: 3 }]
const kinds = (frames: Iterable<SseFrame>) =>
  [...frames].map((frame) =>
    frame.type === 'data' ? frame.data : frame.type === 'event' ? `event:${frame.event}` : frame.type,
  )

describe('sseFrames', () => {
  it('writes each chunk as JSON data and ends with [DONE]', () => {
    expect(kinds(sseFrames(chunks, {}))).toEqual(['{"n":1}', '{"n":2}', '{"n":3}', '[DONE]'])
  })

  it('places faults after exactly N data chunks', () => {
    expect(kinds(sseFrames(chunks, { cutAfter: 0 }))).toEqual(['cut'])
    expect(kinds(sseFrames(chunks, { stallAfter: 1 }))).toEqual(['{"n":1}', 'stall'])
    expect(kinds(sseFrames(chunks, { malformedAfter: 3 }))).toEqual([
      '{"n":1}',
      '{"n":2}',
      '{"n":3}',
      MALFORMED_CHUNK,
      '[DONE]',
    ])
    expect(kinds(sseFrames(chunks, { errorEventAfter: 2 }))).toEqual(['{"n":1}', '{"n":2}', 'event:error'])
  })

  it('fires a fault whose N is past the end just before [DONE]', () => {
    expect(kinds(sseFrames(chunks, { errorChunkAfter: 99 })).slice(0, 3)).toEqual([
      '{"n":1}',
      '{"n":2}',
      '{"n":3}',
    ])
    expect(kinds(sseFrames(chunks, { errorChunkAfter: 99 }))).toHaveLength(4)
    expect(kinds(sseFrames(chunks, { cutAfter: 99 })).at(-1)).toBe('cut')
  })

  it('pings before every Nth chunk and can leave out [DONE]', () => {
    expect(kinds(sseFrames(chunks, { pingEvery: 2, noDone: true }))).toEqual([
      'comment',
      '{"n":1}',
      '{"n":2}',
      'comment',
      '{"n":3}',
    ])
  })
})

describe('encodeFrame', () => {
  it('writes data, events and comments with the chosen line ending', () => {
    expect(encodeFrame({ type: 'data', data: 'x' }, '\n')).toBe('data: x\n\n')
    expect(encodeFrame({ type: 'event', event: 'error', data: '{}' }, '\r\n')).toBe(
      'event: error\r\ndata: {}\r\n\r\n',
    )
    expect(encodeFrame({ type: 'comment', text: 'ping' }, '\n')).toBe(': ping\n\n')
  })
})
