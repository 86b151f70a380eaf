import { memo, useMemo, useRef } from 'react'
import { chunksAt, emptyCuts, findChunkCuts, highlightFinishedChunk } from './codeChunks.ts'
import type { Highlighter } from './loadHighlighter.ts'

interface CodeChunkProps {
  text: string
  language: string | undefined
  highlighter: Highlighter | undefined
  finished: boolean
}

function lineCount(text: string): number {
  let count = 0
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++
  return count
}

/** One chunk of lines, memoised on its text: finished chunks never render again while code grows. */
const CodeChunk = memo(function CodeChunk({ text, language, highlighter, finished }: CodeChunkProps) {
  const node = useMemo(() => {
    if (!highlighter || !language) return null
    return finished
      ? highlightFinishedChunk(highlighter, text, language).node
      : highlighter.highlightCodeChunk(text, language).node
  }, [highlighter, language, text, finished])
  // A finished chunk's height is its lines: off screen, the browser may skip it and keep its place.
  const style = finished ? { containIntrinsicSize: `auto ${lineCount(text)}lh` } : undefined
  return (
    <span
      className={finished ? 'kindling-code-chunk kindling-code-chunk--finished' : 'kindling-code-chunk'}
      style={style}
    >
      {node ?? text}
    </span>
  )
})

/** Props of {@link CodeLines}. */
export interface CodeLinesProps {
  code: string
  language: string | undefined
  highlighter: Highlighter | undefined
}

/**
 * The lines of a code block as chunks (see `codeChunks.ts`), highlighted synchronously once the
 * highlighter is loaded, so no chunk ever falls back to plain text while the code grows.
 */
export function CodeLines({ code, language, highlighter }: CodeLinesProps) {
  const cuts = useRef(emptyCuts())
  const ends = findChunkCuts(code, cuts.current, (chunk) =>
    highlighter && language ? highlightFinishedChunk(highlighter, chunk, language).endsAtTopLevel : true,
  ).ends
  const chunks = chunksAt(code, ends)
  return chunks.map((text, index) => (
    <CodeChunk
      // Chunks only ever grow at the end, so the index is a stable identity.
      // biome-ignore lint/suspicious/noArrayIndexKey: see above
      key={index}
      text={text}
      language={language}
      highlighter={highlighter}
      finished={index < chunks.length - 1}
    />
  ))
}
