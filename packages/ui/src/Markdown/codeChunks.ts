// Long code is shown as chunks of lines, each its own element with its own highlight call: while an
// open fence grows, only its last chunk re-renders, re-highlights and is laid out again, so an
// update costs what it adds, not what the block holds (issue 19).
import type { Highlighter } from './loadHighlighter.ts'

/** Lines in a chunk before it may end: the last chunk is re-highlighted on every update, so it stays short. */
export const CHUNK_LINES = 20
/** Lines a chunk may grow to while waiting for the grammar to return to top level. */
export const MAX_CHUNK_LINES = 4 * CHUNK_LINES

/** Where the finished chunks of some code end, remembered between updates of the same code. */
export interface ChunkCuts {
  /** The code the cuts were found in, up to the last cut. */
  prefix: string
  /** Offsets just after the newline that ends each finished chunk. */
  ends: number[]
  /** Where the scan for the next cut stopped, and the lines of the last chunk before it. */
  scanned: number
  lines: number
}

/** No cuts yet. */
export function emptyCuts(): ChunkCuts {
  return { prefix: '', ends: [], scanned: 0, lines: 0 }
}

/**
 * Extends `cuts` (in place, when `code` still starts with what they were found in; from scratch
 * otherwise) and returns them. A chunk ends after {@link CHUNK_LINES} lines if `mayEndAfter` says
 * the grammar is at top level there, else a line later, up to {@link MAX_CHUNK_LINES}. A chunk
 * ends only once a character follows its newline, so the code a closed fence gives (without its
 * last newline) cuts the same as the open one did. Once made, a cut never moves.
 */
export function findChunkCuts(
  code: string,
  cuts: ChunkCuts,
  mayEndAfter: (chunk: string) => boolean,
): ChunkCuts {
  if (cuts.scanned > code.length || !code.startsWith(cuts.prefix)) Object.assign(cuts, emptyCuts())
  let start = cuts.ends.at(-1) ?? 0
  let { lines, scanned: position } = cuts
  for (;;) {
    const newline = code.indexOf('\n', position)
    if (newline === -1 || newline + 1 >= code.length) break
    position = newline + 1
    lines += 1
    if (lines >= MAX_CHUNK_LINES || (lines >= CHUNK_LINES && mayEndAfter(code.slice(start, position)))) {
      cuts.ends.push(position)
      start = position
      lines = 0
    }
  }
  // The scanned lines must still be there next time: keep them in the prefix that is checked.
  cuts.prefix = code.slice(0, position)
  cuts.scanned = position
  cuts.lines = lines
  return cuts
}

/** The chunks of `code` at `ends`: finished chunks end with their newline, the last one is the rest. */
export function chunksAt(code: string, ends: readonly number[]): string[] {
  const chunks: string[] = []
  let start = 0
  for (const end of ends) {
    chunks.push(code.slice(start, end))
    start = end
  }
  chunks.push(code.slice(start))
  return chunks
}

type Highlighted = ReturnType<Highlighter['highlightCodeChunk']>

// Finished chunks, highlighted: a closed fence renders again outside the streaming path and finds
// them here instead of highlighting the whole file at once. The last chunk of a growing block
// changes on every update and is never stored.
const finishedChunks = new Map<string, Highlighted>()
const MAX_CACHED_CHUNKS = 512

/** Highlights a finished chunk once (a least-recently-used cache of {@link MAX_CACHED_CHUNKS}). */
export function highlightFinishedChunk(
  highlighter: Highlighter,
  chunk: string,
  language: string,
): Highlighted {
  const key = `${language}\n${chunk}`
  const cached = finishedChunks.get(key)
  if (cached) {
    finishedChunks.delete(key)
    finishedChunks.set(key, cached)
    return cached
  }
  const result = highlighter.highlightCodeChunk(chunk, language)
  finishedChunks.set(key, result)
  if (finishedChunks.size > MAX_CACHED_CHUNKS)
    finishedChunks.delete(finishedChunks.keys().next().value as string)
  return result
}
