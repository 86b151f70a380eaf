import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPartialJsonParser } from '../partialJson.ts'

// Snapshots of the value being built: equal to the live value, left alone by later pushes, and
// sharing every finished container with the previous snapshot.

const jsonText = fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value))

describe('PartialJsonParser.snapshot', () => {
  it('equals the live value after every chunk and never changes afterwards', () => {
    fc.assert(
      fc.property(jsonText, fc.array(fc.nat(), { maxLength: 20 }), (text, offsets) => {
        const parser = createPartialJsonParser()
        const points = [...new Set(offsets.map((offset) => offset % (text.length + 1)))].sort((a, b) => a - b)
        const taken: { snapshot: unknown; frozen: string }[] = []
        let from = 0
        for (const point of [...points, text.length]) {
          const value = parser.push(text.slice(from, point))
          from = point
          const snapshot = parser.snapshot()
          expect(snapshot).toEqual(value)
          if (typeof value === 'object' && value !== null) expect(snapshot).not.toBe(value)
          taken.push({ snapshot, frozen: JSON.stringify(snapshot) ?? 'undefined' })
        }
        for (const { snapshot, frozen } of taken) expect(JSON.stringify(snapshot) ?? 'undefined').toBe(frozen)
      }),
    )
  })

  it('reuses the copy of a finished container and copies only the open path', () => {
    const parser = createPartialJsonParser()
    parser.push('{"done": {"a": [1, 2]}, "items": [{"x": 1}, {"x": 2')
    const first = parser.snapshot() as { done: unknown; items: unknown[] }
    parser.push('}, {"x": 3')
    const second = parser.snapshot() as { done: unknown; items: unknown[] }
    expect(second.done).toBe(first.done)
    expect(second.items[0]).toBe(first.items[0])
    expect(second.items).not.toBe(first.items)
    expect(second).not.toBe(first)
    expect(second.items).toEqual([{ x: 1 }, { x: 2 }, {}])
    expect(first.items).toEqual([{ x: 1 }, {}])
  })

  it('keeps __proto__ an own key of the copy', () => {
    const parser = createPartialJsonParser()
    parser.push('{"__proto__": {"polluted": true}, "b": 1}')
    const snapshot = parser.snapshot() as Record<string, unknown>
    expect(Object.getPrototypeOf(snapshot)).toBe(Object.prototype)
    expect(Object.keys(snapshot)).toEqual(['__proto__', 'b'])
  })
})
