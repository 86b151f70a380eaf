import { memo, useRef } from 'react'
import { CodeBlock } from './CodeBlock.tsx'
import { fencedCode } from './fencedCode.ts'
import { blockComponents } from './markdownComponents.tsx'
import { type GuardScan, MAX_BLOCK_CHARS, type PlainReason, plainReasonGrowing } from './markdownGuards.ts'
import { ParsedMarkdown } from './ParsedMarkdown.tsx'
import type { SegmentCuts } from './paragraphSegments.ts'
import { listGroups, SegmentedList } from './SegmentedList.tsx'
import { paragraphSegments, SegmentedParagraph } from './SegmentedParagraph.tsx'
import { SegmentedTable, tableGroups } from './SegmentedTable.tsx'

/** Text the guards keep from the markdown parser, shown as it is. */
export function PlainBlock({ text, reason }: { text: string; reason: PlainReason | 'error' }) {
  return (
    <div className="kindling-markdown__plain" data-plain-reason={reason}>
      {text}
    </div>
  )
}

/** Props of {@link MarkdownBlock}. */
export interface MarkdownBlockProps {
  /** One top-level block (see `splitMarkdownBlocks`). */
  text: string
  /** Link reference and footnote definitions from elsewhere in the document. */
  definitions: string
  allowImages: boolean
}

/**
 * One top-level block, memoised on its text. A block that is only a code fence renders as a code
 * block without the parser (see `fencedCode.ts`), a long paragraph, tight list or table in segments
 * parsed one by one (see `paragraphSegments.ts`, `listSegments.ts`, `tableSegments.ts`). Blocks the guards reject, and blocks that throw
 * while rendering (a bug of the parser on input nobody foresaw), show as plain text.
 */
export const MarkdownBlock = memo(function MarkdownBlock({
  text,
  definitions,
  allowImages,
}: MarkdownBlockProps) {
  const cuts = useRef<SegmentCuts | null>(null)
  const listCuts = useRef<SegmentCuts | null>(null)
  const tableCuts = useRef<SegmentCuts | null>(null)
  // The guards' verdicts on the block's finished lines, against each of the two size limits.
  const segmentedGuard = useRef<GuardScan | null>(null)
  const wholeGuard = useRef<GuardScan | null>(null)
  const fence = fencedCode(text)
  if (fence) return <CodeBlock code={fence.code} language={fence.language} />
  const table = tableGroups(text, definitions, tableCuts, segmentedGuard)
  if (table) return <SegmentedTable {...table} allowImages={allowImages} />
  const list = listGroups(text, definitions, listCuts, segmentedGuard)
  if (list) return <SegmentedList {...list} allowImages={allowImages} />
  const segments = paragraphSegments(text, definitions, cuts, segmentedGuard)
  if (segments) return <SegmentedParagraph segments={segments} allowImages={allowImages} />
  const reason = plainReasonGrowing(text, MAX_BLOCK_CHARS, wholeGuard)
  if (reason) return <PlainBlock text={text} reason={reason} />
  return (
    <ParsedMarkdown
      text={text}
      definitions={definitions}
      components={blockComponents(allowImages)}
      fallback={<PlainBlock text={text} reason="error" />}
    />
  )
})
