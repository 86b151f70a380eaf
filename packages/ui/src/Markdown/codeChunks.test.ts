import { describe, expect, it } from 'vitest'
import { CHUNK_LINES, chunksAt, emptyCuts, findChunkCuts, MAX_CHUNK_LINES } from './codeChunks.ts'

const lines = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => `line ${from + i}`).join('\n')

describe('findChunkCuts', () => {
  it('cuts every CHUNK_LINES lines once a character follows the newline, and never moves a cut', () => {
    const code = lines(175)
    const cuts = emptyCuts()
    const seen: number[][] = []
    for (let length = 1; length <= code.length; length += 7) {
      seen.push([...findChunkCuts(code.slice(0, length), cuts, () => true).ends])
    }
    const final = findChunkCuts(code, cuts, () => true).ends
    expect(chunksAt(code, final).map((chunk) => chunk.split('\n').length - 1)).toEqual([
      CHUNK_LINES,
      CHUNK_LINES,
      CHUNK_LINES,
      24,
    ])
    for (const ends of seen) expect(final.slice(0, ends.length)).toEqual(ends)
    // The open fence's code ends with a newline being followed; the closed one lacks it: same cuts.
    expect(findChunkCuts(`${lines(100)}\n`, emptyCuts(), () => true).ends).toEqual([code.indexOf('line 50')])
    expect(findChunkCuts(lines(100), emptyCuts(), () => true).ends).toEqual([code.indexOf('line 50')])
  })

  it('waits for the grammar to return to top level, up to MAX_CHUNK_LINES', () => {
    const code = lines(600)
    // Pretend lines 40 to 69 are inside a block comment.
    const atTopLevel = (chunk: string) => {
      const last = Number(/line (\d+)\n$/.exec(chunk)?.[1])
      return last < 40 || last >= 69
    }
    const ends = findChunkCuts(code, emptyCuts(), atTopLevel).ends
    expect(ends[0]).toBe(code.indexOf('line 70'))
    expect(findChunkCuts(code, emptyCuts(), () => false).ends[0]).toBe(
      code.indexOf(`line ${MAX_CHUNK_LINES}`),
    )
  })

  it('starts over when the code is not a continuation of what it cut', () => {
    const cuts = emptyCuts()
    findChunkCuts(lines(120), cuts, () => true)
    expect(findChunkCuts(lines(120, 1000), cuts, () => true).ends).toEqual([
      lines(120, 1000).indexOf('line 1050'),
      lines(120, 1000).indexOf('line 1100'),
    ])
  })
})
