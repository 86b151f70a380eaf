import { describe, expect, it } from 'vitest'
import { CHUNK_LINES, chunksAt, emptyCuts, findChunkCuts, MAX_CHUNK_LINES } from './codeChunks.ts'

const lines = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => `line ${from + i}`).join('\n')
const N = CHUNK_LINES

describe('findChunkCuts', () => {
  it('cuts every CHUNK_LINES lines once a character follows the newline, and never moves a cut', () => {
    const code = lines(3 * N + 15)
    const cuts = emptyCuts()
    const seen: number[][] = []
    for (let length = 1; length <= code.length; length += 7) {
      seen.push([...findChunkCuts(code.slice(0, length), cuts, () => true).ends])
    }
    const final = findChunkCuts(code, cuts, () => true).ends
    expect(chunksAt(code, final).map((chunk) => chunk.split('\n').length - 1)).toEqual([N, N, N, 14])
    for (const ends of seen) expect(final.slice(0, ends.length)).toEqual(ends)
    // The open fence's code ends with a newline being followed; the closed one lacks it: same cuts.
    const cut = code.indexOf(`line ${N}\n`)
    expect(findChunkCuts(`${lines(2 * N)}\n`, emptyCuts(), () => true).ends).toEqual([cut])
    expect(findChunkCuts(lines(2 * N), emptyCuts(), () => true).ends).toEqual([cut])
  })

  it('waits for the grammar to return to top level, up to MAX_CHUNK_LINES', () => {
    const code = lines(12 * N)
    // Pretend lines N - 5 to N + 9 are inside a block comment.
    const atTopLevel = (chunk: string) => {
      const last = Number(/line (\d+)\n$/.exec(chunk)?.[1])
      return last < N - 5 || last >= N + 9
    }
    expect(findChunkCuts(code, emptyCuts(), atTopLevel).ends[0]).toBe(code.indexOf(`line ${N + 10}\n`))
    expect(findChunkCuts(code, emptyCuts(), () => false).ends[0]).toBe(
      code.indexOf(`line ${MAX_CHUNK_LINES}\n`),
    )
  })

  it('starts over when the code is not a continuation of what it cut', () => {
    const cuts = emptyCuts()
    findChunkCuts(lines(2 * N + 10), cuts, () => true)
    const other = lines(2 * N + 10, 1000)
    expect(findChunkCuts(other, cuts, () => true).ends).toEqual([
      other.indexOf(`line ${1000 + N}\n`),
      other.indexOf(`line ${1000 + 2 * N}\n`),
    ])
  })
})
