import { describe, expect, it } from 'vitest'
import { OUTBOX_KEY, readOutbox, recordInOutbox } from '../demoTools/outbox.ts'

/** A Storage over a Map (node has no sessionStorage); `full` makes every write throw, as a full quota does. */
function memoryStorage(full = false): Storage {
  const items = new Map<string, string>()
  return {
    get length() {
      return items.size
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      items.set(key, value)
    },
  }
}

const entry = (toolCallId: string) => ({
  toolCallId,
  to: 'ana@example.com',
  subject: 'Notes',
  at: '2026-01-01T00:00:00.000Z',
})

describe('the pretended outbox', () => {
  it('keeps one entry per run, oldest first', () => {
    const storage = memoryStorage()
    expect(readOutbox(storage)).toEqual([])
    recordInOutbox(entry('call_1'), storage)
    recordInOutbox(entry('call_2'), storage)
    expect(readOutbox(storage).map((sent) => sent.toolCallId)).toEqual(['call_1', 'call_2'])
  })

  it('reads a broken record as empty and starts again over it', () => {
    const storage = memoryStorage()
    storage.setItem(OUTBOX_KEY, '{not json')
    expect(readOutbox(storage)).toEqual([])
    recordInOutbox(entry('call_1'), storage)
    expect(readOutbox(storage)).toEqual([entry('call_1')])
  })

  it('never throws: full storage or none only skips the record', () => {
    expect(() => recordInOutbox(entry('call_1'), memoryStorage(true))).not.toThrow()
    expect(() => recordInOutbox(entry('call_1'), undefined)).not.toThrow()
    expect(readOutbox(undefined)).toEqual([])
  })
})
