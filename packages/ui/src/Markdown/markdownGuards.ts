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

/** What the guards know after some lines of a block: the counts `plainReason` keeps. */
interface ScanState {
  markdownChars: number
  fence: string | null
  setext: number
  // Counted per paragraph, the unit the quadratic resolvers work on; a paragraph only ends where
  // the parser certainly ends it, so splitting one with look-alike lines does not reset the count.
  delimiterRuns: number
  linkOpeners: number
  autolinks: number
  paragraphKind: 'text' | 'list' | 'table' | 'none'
  previousLine: string
}

const startState = (): ScanState => ({
  markdownChars: 0,
  fence: null,
  setext: 0,
  delimiterRuns: 0,
  linkOpeners: 0,
  autolinks: 0,
  paragraphKind: 'none',
  previousLine: '',
})

/** Takes one more line of a block into `state`; the first limit it crosses, if any. */
function scanLine(state: ScanState, line: string, maxChars: number): PlainReason | null {
  const fenceMark = FENCE.exec(line)?.[1]
  if (state.fence !== null) {
    const fence = state.fence
    if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) state.fence = null
    return null
  }
  if (fenceMark) {
    state.fence = fenceMark
    state.paragraphKind = 'none'
    state.previousLine = ''
    return null
  }
  state.markdownChars += line.length + 1
  if (state.markdownChars > maxChars) return 'size'
  if (nestingOf(line) > MAX_NESTING) return 'nesting'
  const blank = line.trim() === ''
  const listItem = LIST_ITEM.test(line)
  let newParagraph = blank || state.paragraphKind === 'none' || ALWAYS_NEW_PARAGRAPH.test(line)
  if (state.paragraphKind === 'list' && listItem) newParagraph = true
  if (state.paragraphKind === 'table' && line.trimStart().startsWith('|')) newParagraph = true
  if (TABLE_DELIMITER_ROW.test(line) && state.previousLine.trimStart().startsWith('|')) {
    state.paragraphKind = 'table'
    newParagraph = true
  } else if (newParagraph) {
    state.paragraphKind = blank ? 'none' : listItem ? 'list' : 'text'
  }
  if (newParagraph) {
    state.delimiterRuns = 0
    state.linkOpeners = 0
  }
  if (
    state.previousLine.trim() !== '' &&
    SETEXT_UNDERLINE.test(line) &&
    ++state.setext > MAX_SETEXT_UNDERLINES
  ) {
    return 'setext'
  }
  state.delimiterRuns += countDelimiterRuns(line)
  if (state.delimiterRuns > MAX_DELIMITER_RUNS) return 'emphasis'
  state.linkOpeners += countLinkOpeners(line)
  if (state.linkOpeners > MAX_LINK_OPENERS) return 'links'
  state.autolinks += countAutolinkCandidates(line)
  if (state.autolinks > MAX_AUTOLINK_CANDIDATES) return 'links'
  state.previousLine = line
  return null
}

/**
 * Why `block` (one top-level block of `splitMarkdownBlocks`) must not be parsed as markdown, or
 * `null` when it is safe to. `maxChars` replaces {@link MAX_BLOCK_CHARS} (a block parsed in
 * segments is checked against {@link MAX_SEGMENTED_BLOCK_CHARS}). Linear in the block's length; code
 * fence contents are skipped, since the parser treats them as plain lines too.
 */
export function plainReason(block: string, maxChars: number = MAX_BLOCK_CHARS): PlainReason | null {
  const state = startState()
  for (const line of block.split('\n')) {
    const reason = scanLine(state, line, maxChars)
    if (reason) return reason
  }
  return null
}

/** The guards' verdict on the finished lines of a block, kept between renders of the growing block. */
export interface GuardScan {
  maxChars: number
  /** The lines scanned, each with its newline. */
  scanned: string
  state: ScanState
  /** The first limit those lines cross, if any. */
  verdict: PlainReason | null
}

/**
 * {@link plainReason} for a block that grows at its end, as the last block does while an answer
 * streams: the verdict on the finished lines is kept in `scan`, so only the lines added since the
 * last call (and the unfinished last one) are checked. The same answer as `plainReason(block,
 * maxChars)` for any block, since the checks take lines in order and depend only on the lines before.
 */
export function plainReasonGrowing(
  block: string,
  maxChars: number,
  scan: { current: GuardScan | null },
): PlainReason | null {
  let kept = scan.current
  if (!kept || kept.maxChars !== maxChars || !block.startsWith(kept.scanned)) {
    kept = { maxChars, scanned: '', state: startState(), verdict: null }
    scan.current = kept
  }
  if (kept.verdict) return kept.verdict
  let start = kept.scanned.length
  for (let end = block.indexOf('\n', start); end !== -1; end = block.indexOf('\n', start)) {
    const reason = scanLine(kept.state, block.slice(start, end), maxChars)
    start = end + 1
    if (reason) {
      kept.verdict = reason
      kept.scanned = block.slice(0, start)
      return reason
    }
  }
  kept.scanned = block.slice(0, start)
  // The unfinished last line may still change: checked on a copy.
  return scanLine({ ...kept.state }, block.slice(start), maxChars)
}
