// Checks that run before a block of model output is parsed as markdown. The parser (micromark, via
// react-markdown) and the tree-to-React steps recurse once per nesting level and have resolvers
// whose cost grows with the square of some counts in one paragraph. Model output can be steered by
// prompt injection, so a block that would overflow the stack or take seconds is shown as plain
// text instead. The limits sit far above what real replies use; figures in RELIABILITY.md.

/** Markdown characters of one block (outside code fences) above which it is shown as plain text. */
export const MAX_BLOCK_CHARS = 20_000
/**
 * The same for a long paragraph or list parsed in segments of about a thousand characters (see
 * `paragraphSegments.ts`): no parse is large, but all of them still run when the block arrives at once.
 */
export const MAX_SEGMENTED_BLOCK_CHARS = 3 * MAX_BLOCK_CHARS
/** Nesting of blockquotes and lists (markers plus indentation levels) on one line. */
export const MAX_NESTING = 32
/** Emphasis delimiter runs (`*`, `_`, `~`) in one paragraph: resolving them is quadratic. */
export const MAX_DELIMITER_RUNS = 512
/** Link and image openers (`[`) in one paragraph: matching them is super-linear. */
export const MAX_LINK_OPENERS = 512
/** Link-like spots (`@`, `www.`, `://`) in one block: each GFM literal becomes a link element. */
export const MAX_AUTOLINK_CANDIDATES = 256
/** Setext underlines (`---` or `===` under text) in one block: each one rescans the block. */
export const MAX_SETEXT_UNDERLINES = 64

/** Why a block is shown as plain text. */
export type PlainReason = 'size' | 'nesting' | 'emphasis' | 'links' | 'setext'

const FENCE = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(`{3,}|~{3,})/
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/
// Lines that always end the paragraph before them: a bullet item, a first ordered item, a heading.
const ALWAYS_NEW_PARAGRAPH = /^[ \t>]*(?:[-*+][ \t]+\S|1[.)][ \t]|#{1,6}[ \t])/
// Any list item: a new paragraph only inside a list (elsewhere `2. x` continues a paragraph).
const LIST_ITEM = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]/
const TABLE_DELIMITER_ROW = /^ {0,3}\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?$/

/** Blockquote and list markers plus indentation levels (two columns each) at the start of `line`. */
export function nestingOf(line: string): number {
  let depth = 0
  let columns = 0
  // Spaces a marker may have after it without adding a level: one after `>`, up to four after a
  // list marker (`-   x` is still one item).
  let slack = 0
  let index = 0
  while (index < line.length) {
    const char = line[index]
    if (char === ' ' || char === '\t') {
      let run = 0
      while (line[index] === ' ' || line[index] === '\t') run += line[index++] === '\t' ? 4 : 1
      columns += Math.max(0, run - slack)
      slack = 0
    } else if (char === '>') {
      depth++
      index++
      slack = 1
    } else {
      const marker = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(index, index + 11))
      if (!marker) break
      depth++
      index += marker[0].length
      slack = 4
    }
  }
  return depth + Math.floor(columns / 2)
}

function countDelimiterRuns(line: string): number {
  let runs = 0
  let previous = ''
  for (const char of line) {
    if ((char === '*' || char === '_' || char === '~') && char !== previous) runs++
    previous = char
  }
  return runs
}

const AUTOLINK_CANDIDATE = /@|www\.|:\/\//g

function countAutolinkCandidates(line: string): number {
  return line.match(AUTOLINK_CANDIDATE)?.length ?? 0
}

function countLinkOpeners(line: string): number {
  let openers = 0
  for (let index = line.indexOf('['); index !== -1; index = line.indexOf('[', index + 1)) openers++
  return openers
}

/**
 * Why `block` (one top-level block of `splitMarkdownBlocks`) must not be parsed as markdown, or
 * `null` when it is safe to. `maxChars` replaces {@link MAX_BLOCK_CHARS} (a block parsed in
 * segments is checked against {@link MAX_SEGMENTED_BLOCK_CHARS}). Linear in the block's length; code fence contents are skipped, since
 * the parser treats them as plain lines too.
 */
export function plainReason(block: string, maxChars: number = MAX_BLOCK_CHARS): PlainReason | null {
  let markdownChars = 0
  let fence: string | null = null
  let setext = 0
  // Counted per paragraph, the unit the quadratic resolvers work on; a paragraph only ends where
  // the parser certainly ends it, so splitting one with look-alike lines does not reset the count.
  let delimiterRuns = 0
  let linkOpeners = 0
  let autolinks = 0
  let paragraphKind: 'text' | 'list' | 'table' | 'none' = 'none'
  let previousLine = ''
  for (const line of block.split('\n')) {
    const fenceMark = FENCE.exec(line)?.[1]
    if (fence !== null) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null
      continue
    }
    if (fenceMark) {
      fence = fenceMark
      paragraphKind = 'none'
      previousLine = ''
      continue
    }
    markdownChars += line.length + 1
    if (markdownChars > maxChars) return 'size'
    if (nestingOf(line) > MAX_NESTING) return 'nesting'
    const blank = line.trim() === ''
    const listItem = LIST_ITEM.test(line)
    let newParagraph = blank || paragraphKind === 'none' || ALWAYS_NEW_PARAGRAPH.test(line)
    if (paragraphKind === 'list' && listItem) newParagraph = true
    if (paragraphKind === 'table' && line.trimStart().startsWith('|')) newParagraph = true
    if (TABLE_DELIMITER_ROW.test(line) && previousLine.trimStart().startsWith('|')) {
      paragraphKind = 'table'
      newParagraph = true
    } else if (newParagraph) {
      paragraphKind = blank ? 'none' : listItem ? 'list' : 'text'
    }
    if (newParagraph) {
      delimiterRuns = 0
      linkOpeners = 0
    }
    if (previousLine.trim() !== '' && SETEXT_UNDERLINE.test(line) && ++setext > MAX_SETEXT_UNDERLINES) {
      return 'setext'
    }
    delimiterRuns += countDelimiterRuns(line)
    if (delimiterRuns > MAX_DELIMITER_RUNS) return 'emphasis'
    linkOpeners += countLinkOpeners(line)
    if (linkOpeners > MAX_LINK_OPENERS) return 'links'
    autolinks += countAutolinkCandidates(line)
    if (autolinks > MAX_AUTOLINK_CANDIDATES) return 'links'
    previousLine = line
  }
  return null
}
