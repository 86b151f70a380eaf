// A paragraph that keeps growing (a model writing thousands of words without a blank line) was
// parsed whole on every token. It is cut into segments at spaces where no inline construct is
// open, each parsed on its own: finished segments are memoised, only the last one is parsed again
// per update, so an update costs what it adds (issue 19). Segments render into one <p>, joined by
// the space they were cut at, exactly as the whole paragraph would render.
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

/** Characters a segment reaches before it may end: the last one is parsed on every update. */
export const SEGMENT_CHARS = 1_000
/**
 * Longest segment tried: past it, a construct has stayed open too long (or the block is no
 * paragraph) and no more cuts are tried.
 */
export const MAX_SEGMENT_CHARS = 4 * SEGMENT_CHARS
/** Failed tries (each one parses) before a segment gives up, whatever its length. */
export const MAX_TRIES = 8

/** Where the finished segments of a paragraph end, remembered between updates of the same block. */
export interface SegmentCuts {
  /** The text the cuts depend on: when a new text does not start with it, they are found again. */
  prefix: string
  /** Offsets of the spaces the segments were cut at. */
  cuts: number[]
  /** A try failed: the next one waits for a character after this offset that could close a construct. */
  waitFrom: number
  /** Tries that failed since the last cut. */
  failed: number
  /** No more cuts are tried (see {@link MAX_TRIES}, {@link MAX_SEGMENT_CHARS}). */
  stopped: boolean
}

/** No cuts yet. */
export function emptySegmentCuts(): SegmentCuts {
  return { prefix: '', cuts: [], waitFrom: -1, failed: 0, stopped: false }
}

/** Records a try at `offset`: a cut when it held, else a wait for text after it (one more failure). */
export function recordCutTry(cuts: SegmentCuts, offset: number, held: boolean): void {
  if (held) {
    cuts.cuts.push(offset)
    cuts.waitFrom = -1
    cuts.failed = 0
  } else {
    cuts.waitFrom = offset
    cuts.failed++
  }
}

const parser = unified().use(remarkParse).use(remarkGfm).freeze()

/** A node of the markdown syntax tree (mdast), as far as the checks here read it. */
export interface TreeNode {
  type: string
  value?: string
  children?: TreeNode[]
}

/** `text`'s syntax tree, parsed as the renderer parses it (GitHub flavour). */
export function parseMarkdown(text: string): TreeNode {
  return parser.parse(text) as TreeNode
}

// Characters left as text only when a construct did not close: `*`, `_`, `~` (emphasis), a
// backtick (code), brackets (links), `<` (autolinks, inline HTML). Any of them could still pair
// with something after the cut.
const UNCLOSED = /[*_~`[\]<]/
// Characters that may close a construct: after a failed try, the next one waits for one of them.
const CLOSER = /[*_~`\])>]/g

function closesEverything(node: TreeNode): boolean {
  if (node.type === 'html') return false
  if (node.type === 'text') return !UNCLOSED.test(node.value ?? '')
  return node.children?.every(closesEverything) ?? true
}

/**
 * Whether `segment`, parsed alone, is one paragraph in which every inline construct is closed: it
 * then renders the same on its own as inside a longer paragraph, whatever follows it.
 */
export function isClosedParagraph(segment: string): boolean {
  const children = parseMarkdown(segment).children ?? []
  const only = children[0]
  return children.length === 1 && only?.type === 'paragraph' && closesEverything(only)
}

// A cut is a single space between a non-space and a letter: the next segment starts with a word,
// which no block construct starts with, and no hard line break or double space is split.
const LETTER = /\p{L}/u

function cutAt(text: string, from: number): number {
  for (let space = text.indexOf(' ', from); space !== -1; space = text.indexOf(' ', space + 1)) {
    if (space + 1 >= text.length) return -1
    const before = text[space - 1]
    if (before && before.trim() !== '' && LETTER.test(text[space + 1] as string)) return space
  }
  return -1
}

/**
 * Extends `cuts` (in place; from scratch when `text` no longer starts with what they were found in)
 * and returns them. A segment ends at the first cut after {@link SEGMENT_CHARS} characters where it
 * is a closed paragraph (see {@link isClosedParagraph}); where it is not, the next try waits for a
 * character that could close what is open, and after {@link MAX_TRIES} failures or past
 * {@link MAX_SEGMENT_CHARS} the tries stop. Cuts depend only on the text before them, so a paragraph cuts the same
 * whether it streamed or arrived at once, and once made a cut never moves.
 */
export function findSegmentCuts(text: string, cuts: SegmentCuts): SegmentCuts {
  if (!text.startsWith(cuts.prefix)) Object.assign(cuts, emptySegmentCuts())
  while (!cuts.stopped) {
    const start = cuts.cuts.at(-1)
    let from = (start ?? 0) + SEGMENT_CHARS
    if (cuts.waitFrom !== -1) {
      // Something was open: no use trying again before a character that could close it.
      CLOSER.lastIndex = cuts.waitFrom
      const closer = CLOSER.exec(text)
      if (!closer) break
      from = Math.max(from, closer.index + 1)
    }
    const space = cutAt(text, from)
    if (space === -1) break
    if (space - (start ?? 0) > MAX_SEGMENT_CHARS || cuts.failed >= MAX_TRIES) {
      cuts.stopped = true
      break
    }
    // The text up to the letter after the space decides this try.
    cuts.prefix = text.slice(0, space + 2)
    recordCutTry(cuts, space, isClosedParagraph(text.slice(start === undefined ? 0 : start + 1, space)))
  }
  return cuts
}

// Lines that may end a paragraph or change what it is: blank lines, headings, quotes, fences,
// list items, thematic breaks and setext underlines (`-`, `=`, `*`, `_`), HTML, table rows
// (`|`, `:`). Indented ones too: inside a paragraph they are plain text, but checking costs nothing.
// A newline at the very end is not one: the next line has not begun.
const RISKY_LINE = /\n[ \t]*(?:\n|[-#>=*+_~`<|:]|\d{1,9}[.)])/

/**
 * Whether the last segment (`tail`) still continues the paragraph: none of its lines after the
 * first could end the paragraph or turn it into something else. When one could, the whole block is
 * parsed as before, which is always right.
 */
export function continuesParagraph(tail: string): boolean {
  return !RISKY_LINE.test(tail)
}

/** The segments of `text` at `cuts`, without the spaces they were cut at. */
export function segmentsAt(text: string, cuts: readonly number[]): string[] {
  const segments: string[] = []
  let start = 0
  for (const cut of cuts) {
    segments.push(text.slice(start, cut))
    start = cut + 1
  }
  segments.push(text.slice(start))
  return segments
}
