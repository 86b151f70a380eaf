import { describe, expect, it } from 'vitest'
import { type Accumulated, appendPiece, joinPieces, pieceCount, piecesToArray } from '../pieces.ts'

describe('pieces', () => {
  it('appends without touching the list appended to', () => {
    const one = appendPiece(undefined, 'a')
    const two = appendPiece(one, 'b')
    const branch = appendPiece(one, 'c')
    expect(piecesToArray(one)).toEqual(['a'])
    expect(piecesToArray(two)).toEqual(['a', 'b'])
    expect(joinPieces(branch)).toBe('ac')
    expect(joinPieces(two)).toBe('ab')
    expect(pieceCount(two)).toBe(2)
  })

  it('joins incrementally and gives the same text when read again, old or new', () => {
    let list: Accumulated<string> | undefined
    const versions: (Accumulated<string> | undefined)[] = []
    let expected = ''
    for (let i = 0; i < 200; i++) {
      list = appendPiece(list, `${i},`)
      versions.push(list)
      expected += `${i},`
      if (i % 7 === 0) expect(joinPieces(list)).toBe(expected)
    }
    expect(joinPieces(list)).toBe(expected)
    expect(joinPieces(versions[9])).toBe('0,1,2,3,4,5,6,7,8,9,')
    expect(joinPieces(undefined)).toBe('')
  })
})
