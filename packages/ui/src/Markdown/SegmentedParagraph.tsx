import { memo, type RefObject } from 'react'
import { segmentComponents } from './markdownComponents.tsx'
import {
  type GuardScan,
  MAX_SEGMENTED_BLOCK_CHARS,
  plainReason,
  plainReasonGrowing,
} from './markdownGuards.ts'
import { ParsedMarkdown } from './ParsedMarkdown.tsx'
import {
  continuesParagraph,
  emptySegmentCuts,
  findSegmentCuts,
  SEGMENT_CHARS,
  type SegmentCuts,
  segmentsAt,
} from './paragraphSegments.ts'

const LIST_START = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]/

/**
 * The segments of `block` when it is a paragraph long enough to cut (see `paragraphSegments.ts`),
 * or `null` to parse it whole: a short block, anything but a paragraph, a paragraph whose last
 * lines could make it something else, one that may use the document's definitions (resolving
 * them needs the whole paragraph), or one the guards keep plain for anything but its size (see
 * `markdownGuards.ts`; each segment is parsed on its own, so the size limit is higher). `cuts` keeps the cuts between renders of the same block, `guard` the guards' verdict on its finished lines.
 */
export function paragraphSegments(
  block: string,
  definitions: string,
  cuts: RefObject<SegmentCuts | null>,
  guard: RefObject<GuardScan | null>,
): string[] | null {
  if (block.length <= SEGMENT_CHARS || (definitions && block.includes('['))) return null
  // A list is no paragraph (see `listSegments.ts`): spare the tries.
  if (LIST_START.test(block) || plainReasonGrowing(block, MAX_SEGMENTED_BLOCK_CHARS, guard)) return null
  cuts.current ??= emptySegmentCuts()
  const found = findSegmentCuts(block, cuts.current).cuts
  if (found.length === 0) return null
  const segments = segmentsAt(block, found)
  return continuesParagraph(segments.at(-1) ?? '') ? segments : null
}

interface ParagraphSegmentProps {
  text: string
  /** The space the paragraph was cut at, before every segment but the first. */
  afterCut: boolean
  allowImages: boolean
}

/** One segment's inline content, memoised on its text: finished segments never render again. */
const ParagraphSegment = memo(function ParagraphSegment({
  text,
  afterCut,
  allowImages,
}: ParagraphSegmentProps) {
  const space = afterCut ? ' ' : null
  // Segments are small, but one may still be shaped to make the parser slow: then its text as is.
  if (plainReason(text))
    return (
      <>
        {space}
        {text}
      </>
    )
  return (
    <>
      {space}
      <ParsedMarkdown
        text={text}
        definitions=""
        components={segmentComponents(allowImages)}
        fallback={text}
      />
    </>
  )
})

/** Props of {@link SegmentedParagraph}. */
export interface SegmentedParagraphProps {
  segments: readonly string[]
  allowImages: boolean
}

/** A long paragraph rendered segment by segment, joined by the spaces it was cut at. */
export function SegmentedParagraph({ segments, allowImages }: SegmentedParagraphProps) {
  return (
    <p>
      {segments.map((text, index) => (
        // Segments only ever grow at the end, so the index is a stable identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <ParagraphSegment key={index} text={text} afterCut={index > 0} allowImages={allowImages} />
      ))}
    </p>
  )
}
