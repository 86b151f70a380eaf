import { memo, type RefObject } from 'react'
import { ScrollableTable, tableHeadComponents, tableRowsComponents } from './markdownComponents.tsx'
import {
  type GuardScan,
  MAX_SEGMENTED_BLOCK_CHARS,
  plainReason,
  plainReasonGrowing,
} from './markdownGuards.ts'
import { ParsedMarkdown } from './ParsedMarkdown.tsx'
import { emptySegmentCuts, type SegmentCuts } from './paragraphSegments.ts'
import { findTableCuts, TABLE_GROUP_CHARS, tableHead } from './tableSegments.ts'

/** A long table's header and delimiter row, and its groups of rows. */
export interface TableGroups {
  head: string
  groups: string[]
}

/**
 * The groups of rows of `block` when it is a table long enough to cut (see `tableSegments.ts`), or
 * `null` to parse it whole, on the same terms as `paragraphSegments`.
 */
export function tableGroups(
  block: string,
  definitions: string,
  cuts: RefObject<SegmentCuts | null>,
  guard: RefObject<GuardScan | null>,
): TableGroups | null {
  if (block.length <= TABLE_GROUP_CHARS || (definitions && block.includes('['))) return null
  const head = tableHead(block)
  if (!head || plainReasonGrowing(block, MAX_SEGMENTED_BLOCK_CHARS, guard)) return null
  cuts.current ??= emptySegmentCuts()
  const found = findTableCuts(block, head, cuts.current).cuts
  if (found.length === 0) return null
  const groups: string[] = []
  let start = head.rowsStart
  for (const cut of found) {
    groups.push(block.slice(start, cut))
    start = cut + 1
  }
  groups.push(block.slice(start))
  return { head: head.head, groups }
}

interface RowGroupProps {
  head: string
  rows: string
  allowImages: boolean
}

// Rows the guards keep from the parser (or that throw) show as is, in a row of their own.
const PlainRows = ({ text }: { text: string }) => (
  <tr>
    <td className="kindling-markdown__plain">{text}</td>
  </tr>
)

/** One group of rows, memoised on its text: finished groups never render again. */
const RowGroup = memo(function RowGroup({ head, rows, allowImages }: RowGroupProps) {
  const text = `${head}${rows}`
  if (plainReason(text)) return <PlainRows text={rows} />
  return (
    <ParsedMarkdown
      text={text}
      definitions=""
      components={tableRowsComponents(allowImages)}
      fallback={<PlainRows text={rows} />}
    />
  )
})

const TableHeader = memo(function TableHeader({ head, allowImages }: { head: string; allowImages: boolean }) {
  return (
    <ParsedMarkdown
      text={head}
      definitions=""
      components={tableHeadComponents(allowImages)}
      fallback={null}
    />
  )
})

/** A long table rendered group of rows by group of rows into one table. */
export function SegmentedTable({ head, groups, allowImages }: TableGroups & { allowImages: boolean }) {
  return (
    <ScrollableTable>
      <TableHeader head={head} allowImages={allowImages} />
      <tbody>
        {groups.map((rows, index) => (
          // Groups only ever grow at the end, so the index is a stable identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <RowGroup key={index} head={head} rows={rows} allowImages={allowImages} />
        ))}
      </tbody>
    </ScrollableTable>
  )
}
