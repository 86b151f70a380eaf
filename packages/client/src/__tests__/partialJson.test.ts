import { describe, expect, it } from 'vitest'
import { createPartialJsonParser, PartialJsonError } from '../partialJson.ts'

// The partial value's rules, one example each (the property test covers every prefix).

function pushAll(...chunks: string[]): unknown {
  const parser = createPartialJsonParser()
  let value: unknown
  for (const chunk of chunks) value = parser.push(chunk)
  return value
}

describe('createPartialJsonParser', () => {
  it('shows a string as far as it has arrived', () => {
    expect(pushAll('{"title": "Tomato so')).toEqual({ title: 'Tomato so' })
    expect(pushAll('["a', 'b')).toEqual(['ab'])
  })

  it('shows an escape only once it is complete', () => {
    expect(pushAll('"tab\\')).toBe('tab')
    expect(pushAll('"e\\u00')).toBe('e')
    expect(pushAll('"e\\u00', 'e9')).toBe('eé')
  })

  it('shows a number only once something follows it', () => {
    expect(pushAll('{"n": 12')).toEqual({})
    expect(pushAll('{"n": 12', '5,')).toEqual({ n: 125 })
    expect(pushAll('[1, 2')).toEqual([1])
    const parser = createPartialJsonParser()
    expect(parser.push('42')).toBeUndefined()
    expect(parser.end()).toBe(42)
  })

  it('leaves out a key until its value begins', () => {
    expect(pushAll('{"a": 1, "ke')).toEqual({ a: 1 })
    expect(pushAll('{"a": 1, "key"')).toEqual({ a: 1 })
    expect(pushAll('{"a": 1, "key": ')).toEqual({ a: 1 })
    expect(pushAll('{"a": 1, "key": t')).toEqual({ a: 1 })
    expect(pushAll('{"a": 1, "key": [')).toEqual({ a: 1, key: [] })
  })

  it('builds the value in place', () => {
    const parser = createPartialJsonParser()
    const first = parser.push('{"items": [')
    expect(parser.push('{"id": 1}]}')).toBe(first)
    expect(parser.end()).toEqual({ items: [{ id: 1 }] })
  })

  it('keeps __proto__ as an own key, as JSON.parse does', () => {
    const parser = createPartialJsonParser()
    parser.push('{"__proto__": {"polluted": true}}')
    const value = parser.end() as Record<string, unknown>
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.keys(value)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('throws a typed error at the offset, and again on every later call', () => {
    const parser = createPartialJsonParser()
    parser.push('{"a": 0')
    let error: unknown
    try {
      parser.push('1}')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(PartialJsonError)
    expect(error).toMatchObject({ reason: 'unexpected-character', offset: 7 })
    expect(() => parser.push('}')).toThrow(error as Error)
    expect(() => parser.end()).toThrow(error as Error)
  })

  it('says an empty or unfinished text ended early, at its length', () => {
    expect(() => createPartialJsonParser().end()).toThrow(
      expect.objectContaining({ reason: 'unexpected-end', offset: 0 }),
    )
    const parser = createPartialJsonParser()
    parser.push('[1, {"a": "b"}')
    expect(() => parser.end()).toThrow(expect.objectContaining({ reason: 'unexpected-end', offset: 14 }))
  })
})
