import { PartialJsonError } from '@kindling/client'
import { describe, expect, it } from 'vitest'
import { createPartialJsonCache } from '../partialJsonCache.ts'

describe('createPartialJsonCache', () => {
  it('follows a growing text incrementally: finished parts keep their identity', () => {
    const cache = createPartialJsonCache()
    const first = cache.read('m', '{"done": {"a": [1, 2]}, "title": "Tom').value as Record<string, unknown>
    const second = cache.read('m', '{"done": {"a": [1, 2]}, "title": "Tomato soup", "n": 4').value as Record<
      string,
      unknown
    >
    expect(first).toEqual({ done: { a: [1, 2] }, title: 'Tom' })
    expect(second).toEqual({ done: { a: [1, 2] }, title: 'Tomato soup' })
    // Re-parsing from the start would have built a new `done`.
    expect(second.done).toBe(first.done)
    expect(second).not.toBe(first)
  })

  it('returns the same read for the same text', () => {
    const cache = createPartialJsonCache()
    const text = '{"a": [1'
    expect(cache.read('m', text)).toBe(cache.read('m', text))
  })

  it('starts again when the text is not an extension of the last one', () => {
    const cache = createPartialJsonCache()
    cache.read('m', '{"a": "xy')
    expect(cache.read('m', '{"b": 1, ').value).toEqual({ b: 1 })
    expect(cache.read('m', '{"c').value).toEqual({})
  })

  it('gives the complete value at the end, with a last number the partial could not show', () => {
    const cache = createPartialJsonCache()
    expect(cache.read('m', '[1, 2').value).toEqual([1])
    const end = cache.read('m', '[1, 2]', true)
    expect(end.value).toEqual([1, 2])
    expect(end.end).toEqual({ value: [1, 2] })
    expect(cache.read('n', '42', true)).toMatchObject({ value: 42, end: { value: 42 } })
  })

  it('says why a text ended early or is not JSON, keeping the value before', () => {
    const cache = createPartialJsonCache()
    const cut = cache.read('m', '{"a": 1, "b": [', true)
    expect(cut.value).toEqual({ a: 1, b: [] })
    expect(cut.end && 'failure' in cut.end && cut.end.failure).toBeInstanceOf(PartialJsonError)
    const prose = cache.read('p', 'Sure! {"a": 1}')
    expect(prose.value).toBeUndefined()
    expect(prose.failure).toMatchObject({ reason: 'unexpected-character', offset: 0 })
  })

  it('keeps only the most recently read texts past its limit', () => {
    const cache = createPartialJsonCache(2)
    const a = cache.read('a', '{"x": {}')
    cache.read('b', '[')
    cache.read('a', '{"x": {}')
    cache.read('c', '[')
    // `b` was dropped, `a` was kept: reading `a` again grows the same value.
    expect(cache.read('a', '{"x": {}, "y": 1,').value).toMatchObject({ x: (a.value as { x: unknown }).x })
    expect((cache.read('a', '{"x": {}, "y": 1,').value as { x: unknown }).x).toBe(
      (a.value as { x: unknown }).x,
    )
  })
})
