import { useMemo } from 'react'
import { cx } from '../internal/cx.ts'
import { MarkdownBlock } from './MarkdownBlock.tsx'
import { holdBackPartialLine, referenceDefinitions, splitMarkdownBlocks } from './splitMarkdownBlocks.ts'

/** Props of {@link Markdown}. */
export interface MarkdownProps {
  /** Untrusted markdown, e.g. model output. */
  children: string
  /** The text is still arriving: a half-typed last line that would flash as another block waits. */
  streaming?: boolean | undefined
  /** Show images (`![alt](https://…)`). Off by default: an image fetch tells its host who reads. */
  allowImages?: boolean | undefined
  className?: string | undefined
}

/**
 * Renders untrusted markdown (GitHub flavour) as React elements, safely and cheaply while it streams:
 * no raw HTML, unsafe link protocols neutralised, images only with `allowImages`, code blocks with a
 * copy button and lazily loaded highlighting. Finished top-level blocks are memoised, so each new
 * token re-parses only the last block, and a block that is a code fence (open or closed) is not
 * parsed at all (its code grows in chunks of lines). Hostile input cannot take the page down or freeze it: blocks
 * nested too deeply, too large, or shaped to make the parser slow show as plain text, and a link
 * whose text names another site shows where it really goes.
 */
export function Markdown({ children, streaming = false, allowImages = false, className }: MarkdownProps) {
  const blocks = useMemo(() => {
    const split = splitMarkdownBlocks(children)
    if (streaming) {
      const last = split.length - 1
      split[last] = holdBackPartialLine(split[last] ?? '')
    }
    return split
  }, [children, streaming])
  // A string: unchanged definitions compare equal, so finished blocks stay memoised.
  const definitions = useMemo(() => referenceDefinitions(children, streaming), [children, streaming])
  return (
    <div className={cx('kindling-markdown', className)}>
      {blocks.map((block, index) => (
        // Blocks only ever grow at the end, so the index is a stable identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <MarkdownBlock key={index} text={block} definitions={definitions} allowImages={allowImages} />
      ))}
    </div>
  )
}
