// A long tight list (hundreds of `- item` lines with no blank line) is one block, and was parsed
// whole on every token. It is cut into groups of items, each parsed on its own: finished groups are
// memoised, only the last one is parsed again per update (issue 19). The groups' items render into
// one list element, as the whole list would.
import {
  emptySegmentCuts,
  MAX_TRIES,
  parseMarkdown,
  recordCutTry,
  type SegmentCuts,
  type TreeNode,
} from './paragraphSegments.ts'

/**
 * Characters after which a group of items may end. Smaller than a paragraph's segments: a list's
 * text costs more to parse per character (every item is a container with a paragraph in it).
 */
export const LIST_GROUP_CHARS = 400

/** The kind of list a block is: its marker (`-`, `*`, `+`, or `.`/`)` after a number). */
export interface ListKind {
  ordered: boolean
  /** The bullet character, or the delimiter after the number. */
  marker: string
  /** The first number of an ordered list. */
  start: number
}

const FIRST_ITEM = /^(?:([-*+])|(\d{1,9})([.)]))[ \t]+\S/
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/m
const TASK_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\]/m

/**
 * The kind of list `block` starts, when it is a list of items at column 0 with no blank line and
 * no task items (their list element has a class the groups would not share); `null` otherwise.
 */
export function listKind(block: string): ListKind | null {
  const first = FIRST_ITEM.exec(block)
  if (!first || /\n[ \t]*\n/.test(block) || TASK_ITEM.test(block)) return null
  const [, bullet, number, delimiter] = first
  if (bullet) return { ordered: false, marker: bullet, start: 1 }
  return { ordered: true, marker: delimiter as string, start: Number(number) }
}

function startsItem(line: string, kind: ListKind): boolean {
  const item = FIRST_ITEM.exec(line)
  if (!item) return false
  return kind.ordered ? item[3] === kind.marker : item[1] === kind.marker
}

/** Whether `group`, parsed alone, is one tight list of `kind`. */
export function isTightList(group: string, kind: ListKind): boolean {
  const children = parseMarkdown(group).children ?? []
  const list = children[0] as (TreeNode & { ordered?: boolean; spread?: boolean }) | undefined
  return (
    children.length === 1 &&
    list?.type === 'list' &&
    list.ordered === kind.ordered &&
    !list.spread &&
    (list.children ?? []).every((item) => !(item as { spread?: boolean }).spread)
  )
}

/**
 * Extends `cuts` (as `findSegmentCuts` does for paragraphs) with offsets of the newlines before
 * item lines where a group of at least {@link LIST_GROUP_CHARS} characters ends and parses alone as a
 * tight list. Cuts depend only on the text before them.
 */
export function findListCuts(text: string, kind: ListKind, cuts: SegmentCuts): SegmentCuts {
  if (!text.startsWith(cuts.prefix)) Object.assign(cuts, emptySegmentCuts())
  for (;;) {
    const start = cuts.cuts.at(-1)
    let newline = text.indexOf('\n', Math.max((start ?? 0) + LIST_GROUP_CHARS, cuts.waitFrom + 1))
    while (newline !== -1 && !startsItem(text.slice(newline + 1, newline + 14), kind))
      newline = text.indexOf('\n', newline + 1)
    // The item after the cut must have begun: its marker decides whether the line is an item.
    if (newline === -1 || text.indexOf('\n', newline + 1) === -1 || cuts.failed >= MAX_TRIES) break
    cuts.prefix = text.slice(0, newline + 14)
    recordCutTry(cuts, newline, isTightList(text.slice(start === undefined ? 0 : start + 1, newline), kind))
  }
  return cuts
}

/**
 * Whether the last group still continues the list: every line at column 0 starts an item of the
 * same kind (other lines are inside an item and parse the same alone), and none is a thematic break.
 */
export function continuesList(tail: string, kind: ListKind): boolean {
  if (THEMATIC_BREAK.test(tail)) return false
  for (let start = 0; start < tail.length; ) {
    const end = tail.indexOf('\n', start)
    const line = tail.slice(start, end === -1 ? tail.length : end)
    if (line !== '' && !/^[ \t]/.test(line) && !startsItem(line, kind)) return false
    if (end === -1) break
    start = end + 1
  }
  return true
}
