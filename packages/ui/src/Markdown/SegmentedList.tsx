import { memo, type RefObject } from 'react'
import { continuesList, findListCuts, LIST_GROUP_CHARS, type ListKind, listKind } from './listSegments.ts'
import { listGroupComponents } from './markdownComponents.tsx'
import {
  type GuardScan,
  MAX_SEGMENTED_BLOCK_CHARS,
  plainReason,
  plainReasonGrowing,
} from './markdownGuards.ts'
import { ParsedMarkdown } from './ParsedMarkdown.tsx'
import { emptySegmentCuts, type SegmentCuts, segmentsAt } from './paragraphSegments.ts'

/** A long list's kind and its groups of items. */
export interface ListGroups {
  kind: ListKind
  groups: string[]
}

/**
 * The groups of `block` when it is a tight list long enough to cut (see `listSegments.ts`), or
 * `null` to parse it whole, on the same terms as `paragraphSegments`.
 */
export function listGroups(
  block: string,
  definitions: string,
  cuts: RefObject<SegmentCuts | null>,
  guard: RefObject<GuardScan | null>,
): ListGroups | null {
  if (block.length <= LIST_GROUP_CHARS || (definitions && block.includes('['))) return null
  const kind = listKind(block)
  if (!kind || plainReasonGrowing(block, MAX_SEGMENTED_BLOCK_CHARS, guard)) return null
  cuts.current ??= emptySegmentCuts()
  const found = findListCuts(block, kind, cuts.current).cuts
  if (found.length === 0) return null
  const groups = segmentsAt(block, found)
  return continuesList(groups.at(-1) ?? '', kind) ? { kind, groups } : null
}

interface ListGroupProps {
  text: string
  allowImages: boolean
}

// A group the guards keep from the parser (or that throws) shows as is, in an item of its own.
const PlainGroup = ({ text }: { text: string }) => <li className="kindling-markdown__plain">{text}</li>

/** One group's items, memoised on its text: finished groups never render again. */
const ListGroup = memo(function ListGroup({ text, allowImages }: ListGroupProps) {
  if (plainReason(text)) return <PlainGroup text={text} />
  return (
    <ParsedMarkdown
      text={text}
      definitions=""
      components={listGroupComponents(allowImages)}
      fallback={<PlainGroup text={text} />}
    />
  )
})

/** A long list rendered group by group into one list element. */
export function SegmentedList({ kind, groups, allowImages }: ListGroups & { allowImages: boolean }) {
  const items = groups.map((text, index) => (
    // Groups only ever grow at the end, so the index is a stable identity.
    // biome-ignore lint/suspicious/noArrayIndexKey: see above
    <ListGroup key={index} text={text} allowImages={allowImages} />
  ))
  if (!kind.ordered) return <ul>{items}</ul>
  return <ol start={kind.start === 1 ? undefined : kind.start}>{items}</ol>
}
