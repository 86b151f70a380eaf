import { describe, expect, it } from 'vitest'
import type { CompletionOutcome } from '../completionStore.ts'
import { createRequestSlot } from '../requestSlot.ts'

// One request at a time: what both single-request engines (text completions, objects) rely on.

describe('request slot', () => {
  it('a new request stops the one in progress: aborted, its frame cancelled, written as stopped', () => {
    const slot = createRequestSlot()
    const first = slot.begin()
    const written: CompletionOutcome[] = []
    let cancelled = 0
    first.onStop(
      () => cancelled++,
      (outcome) => written.push(outcome),
    )
    const second = slot.begin()
    expect(first.live()).toBe(false)
    expect(first.signal.aborted).toBe(true)
    expect([cancelled, written]).toEqual([1, ['stopped']])
    expect(second.live()).toBe(true)
  })

  it('a request that ended is not stopped again, and a late end of an old one frees nothing', () => {
    const slot = createRequestSlot()
    const first = slot.begin()
    const written: CompletionOutcome[] = []
    first.onStop(
      () => {},
      (outcome) => written.push(outcome),
    )
    first.end()
    slot.stop()
    expect(written).toEqual([])
    expect(first.signal.aborted).toBe(false)
    const second = slot.begin()
    first.end()
    expect(second.live()).toBe(true)
    slot.stop()
    expect(second.signal.aborted).toBe(true)
  })

  it('dispose stops the request in progress and says so', () => {
    const slot = createRequestSlot()
    const request = slot.begin()
    slot.dispose()
    expect([request.live(), request.signal.aborted, slot.disposed]).toEqual([false, true, true])
  })
})
