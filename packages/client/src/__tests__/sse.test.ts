import { describe, expect, it } from 'vitest'
import { readServerSentEvents } from '../sse.ts'
import { byteStream, encode, splitAt } from './fixtures.ts'

async function collect(parts: Uint8Array[]) {
  const events = []
  for await (const event of readServerSentEvents(byteStream(parts))) events.push(event)
  return events
}

describe('readServerSentEvents', () => {
  it('yields data events and skips comments and keep-alive lines', async () => {
    const events = await collect([encode(': ping\n\ndata: {"a":1}\n\n: keep-alive\n\ndata: [DONE]\n\n')])
    expect(events.map((e) => e.data)).toEqual(['{"a":1}', '[DONE]'])
  })

  it('reads CRLF and lone CR line endings, even when a CRLF pair is split', async () => {
    const bytes = encode('data: one\r\n\r\ndata: two\r\rdata: three\r\n\r\n')
    const cuts = [...Array(bytes.length).keys()]
    for (const cut of cuts) {
      const events = await collect(splitAt(bytes, [cut]))
      expect(events.map((e) => e.data)).toEqual(['one', 'two', 'three'])
    }
  })

  it('joins a UTF-8 character split between two reads', async () => {
    const bytes = encode('data: {"t":"héllo 🔥 世界"}\n\n')
    for (let cut = 1; cut < bytes.length; cut++) {
      const events = await collect(splitAt(bytes, [cut]))
      expect(JSON.parse(events[0]?.data ?? '')).toEqual({ t: 'héllo 🔥 世界' })
    }
  })

  it('strips a byte order mark', async () => {
    const events = await collect([
      new Uint8Array([0xef, 0xbb]),
      new Uint8Array([0xbf]),
      encode('data: x\n\n'),
    ])
    expect(events.map((e) => e.data)).toEqual(['x'])
  })

  it('keeps the event name of `event: error`', async () => {
    const events = await collect([encode('event: error\ndata: {"error":{"message":"boom"}}\n\n')])
    expect(events).toEqual([{ event: 'error', data: '{"error":{"message":"boom"}}', id: undefined }])
  })

  it('delivers a last event the server did not terminate with a blank line', async () => {
    expect((await collect([encode('data: a\n\ndata: b')])).map((e) => e.data)).toEqual(['a', 'b'])
    expect((await collect([encode('data: a\n\ndata: b\n')])).map((e) => e.data)).toEqual(['a', 'b'])
  })

  it('joins multi-line data with newlines', async () => {
    expect((await collect([encode('data: a\ndata: b\n\n')]))[0]?.data).toBe('a\nb')
  })

  it('cancels the body when the consumer stops early', async () => {
    let cancelled = false
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encode('data: 1\n\ndata: 2\n\n'))
      },
      cancel() {
        cancelled = true
      },
    })
    for await (const event of readServerSentEvents(body)) {
      expect(event.data).toBe('1')
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(cancelled).toBe(true)
  })
})
