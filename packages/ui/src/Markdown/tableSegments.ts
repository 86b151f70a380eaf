// A long table (hundreds of rows) is one block, and was parsed whole on every token. Its rows are
// cut into groups, each parsed on its own under the table's header and delimiter row: finished
// groups are memoised, only the last one is parsed again per update (issue 19). The groups' rows
// render into one table, as the whole table would.
import {
  emptySegmentCuts,
  MAX_TRIES,
  parseMarkdown,
  recordCutTry,
  type SegmentCuts,
} from './paragraphSegments.ts'

/**
 * Characters of rows after which a group may end. Smaller than a paragraph's segments: a table's
 * text costs more to parse per character (every cell is parsed on its own) and, in memoised rows, more to render.
 */
export const TABLE_GROUP_CHARS = 300

/** A table's header and delimiter row (with their newlines), and where its rows start. */
export interface TableHead {
  head: string
  rowsStart: number
}

const DELIMITER_ROW = /^ {0,3}\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?$/

/**
 * The head of `block` when it is a table whose header starts with `|` and whose rows all start
 * with `|` (a line that does not may end the table or start another block); `null` otherwise.
 */
export function tableHead(block: string): TableHead | null {
  const headerEnd = block.indexOf('\n')
  const delimiterEnd = block.indexOf('\n', headerEnd + 1)
  if (headerEnd === -1 || delimiterEnd === -1 || !block.startsWith('|')) return null
  if (!DELIMITER_ROW.test(block.slice(headerEnd + 1, delimiterEnd))) return null
  if (/\n(?!\||$)/.test(block.slice(delimiterEnd))) return null
  return { head: block.slice(0, delimiterEnd + 1), rowsStart: delimiterEnd + 1 }
}

/** Whether `rows` under `head`, parsed alone, are one table. */
export function isTable(head: string, rows: string): boolean {
  const children = parseMarkdown(`${head}${rows}`).children ?? []
  return children.length === 1 && children[0]?.type === 'table'
}

/**
 * Extends `cuts` with offsets (in `block`) of the newlines after which a group of rows of at least
 * {@link TABLE_GROUP_CHARS} characters ends and parses, under the head, as one table. A cut waits for
 * the next row's first character, so it depends only on the text before it.
 */
export function findTableCuts(block: string, head: TableHead, cuts: SegmentCuts): SegmentCuts {
  if (!block.startsWith(cuts.prefix)) Object.assign(cuts, emptySegmentCuts())
  for (;;) {
    const start = cuts.cuts.at(-1) ?? head.rowsStart - 1
    const newline = block.indexOf('\n', Math.max(start + TABLE_GROUP_CHARS, cuts.waitFrom + 1))
    if (newline === -1 || newline + 1 >= block.length || cuts.failed >= MAX_TRIES) break
    cuts.prefix = block.slice(0, newline + 2)
    recordCutTry(cuts, newline, isTable(head.head, block.slice(start + 1, newline)))
  }
  return cuts
}
