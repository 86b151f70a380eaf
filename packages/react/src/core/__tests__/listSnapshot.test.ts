import { describe, expect, it } from 'vitest'
import { createListSnapshot, type ListSnapshotStorage } from '../persistence/listSnapshot.ts'

// The snapshot over a given storage (the browser test uses real localStorage with IndexedDB).

const memoryStorage = (): ListSnapshotStorage & { items: Map<string, string> } => {
  const items = new Map<string, string>()
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => items.set(key, value) }
}

const meta = (id: string) => ({ id, title: id.toUpperCase(), createdAt: 1, updatedAt: 2, archived: false })

describe('createListSnapshot', () => {
  it('reads back the metadata it wrote, and only the known fields', () => {
    const storage = memoryStorage()
    const snapshot = createListSnapshot('db', storage)
    expect(snapshot?.read()).toBeUndefined()
    snapshot?.write([{ ...meta('a'), extra: 'x' } as ReturnType<typeof meta>, meta('b')])
    expect(createListSnapshot('db', storage)?.read()).toEqual([meta('a'), meta('b')])
    expect(createListSnapshot('other', storage)?.read()).toBeUndefined()
  })

  it('never throws: a full storage skips the write, an unreadable one reads as none', () => {
    const full: ListSnapshotStorage = {
      getItem: () => '{"version":1,"threads":[{"id":""}]}',
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError')
      },
    }
    const snapshot = createListSnapshot('db', full)
    expect(() => snapshot?.write([meta('a')])).not.toThrow()
    expect(snapshot?.read()).toBeUndefined()
  })

  it('is none where there is no storage (a server)', () => {
    expect(createListSnapshot('db')).toBeUndefined()
  })
})
