// Splitting lets a streaming reply re-parse only its last block: finished blocks keep their text, so
// their memoised render is reused. A split happens only where CommonMark cannot join the two sides:
// after a blank line, outside a code fence, before a line that starts at column 0 (an indented line
// may continue a list item or be indented code, so it stays with the block before it).

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/
// A link reference or footnote definition's first line: `[label]: https://…` or `[^1]: Text`.
const DEFINITION = /^ {0,3}\[[^\]\n]{1,999}\]:[ \t]*\S/
// Footnote text continues on lines indented by four columns.
const CONTINUATION = /^(?: {4}|\t)\S/
/** Above this size, definitions are not shared between blocks (each block is parsed with them). */
export const MAX_DEFINITIONS_CHARS = 8_000

/**
 * The link reference and footnote definitions of `text`, as markdown to append to each block that may refer to
 * them: references work across blocks and every finished block stays memoised. While `streaming`,
 * the last line is left out (a line still being typed would change the result with every token).
 * Empty when there are none, or more than {@link MAX_DEFINITIONS_CHARS} of them.
 */
export function referenceDefinitions(text: string, streaming = false): string {
  if (!text.includes(']:')) return ''
  const lines = text.split('\n')
  if (streaming) lines.pop()
  const definitions: string[] = []
  let size = 0
  let inFootnote = false
  for (const line of lines) {
    const definition = DEFINITION.test(line)
    if (definition || (inFootnote && CONTINUATION.test(line))) {
      definitions.push(line)
      size += line.length + 1
      if (size > MAX_DEFINITIONS_CHARS) return ''
    }
    inFootnote = definition ? /^ {0,3}\[\^/.test(line) : inFootnote && CONTINUATION.test(line)
  }
  return definitions.join('\n')
}

/**
 * Splits markdown into top-level chunks that render the same on their own as inside the whole
 * document. Once a split point has streamed past, it never moves.
 */
export function splitMarkdownBlocks(text: string): string[] {
  const blocks: string[] = []
  let start = 0
  let fence: string | null = null
  let previousBlank = false
  let position = 0
  while (position < text.length) {
    const newline = text.indexOf('\n', position)
    const end = newline === -1 ? text.length : newline
    const line = text.slice(position, end)
    if (fence !== null) {
      const close = FENCE_CLOSE.exec(line)?.[1]
      if (close && close[0] === fence[0] && close.length >= fence.length) fence = null
      previousBlank = false
    } else {
      const blank = line.trim() === ''
      if (previousBlank && !blank && position > start && !/^[ \t]/.test(line)) {
        blocks.push(text.slice(start, position))
        start = position
      }
      fence = FENCE_OPEN.exec(line)?.[1] ?? null
      previousBlank = blank
    }
    position = end + 1
  }
  blocks.push(text.slice(start))
  return blocks
}

// Last lines that would render as something else for a frame or two, held back until they end:
// a line of `-` or `=` under text is a setext heading until the next character turns it into a
// list item or a rule; a line of backticks or tildes is an extra code line until it completes the
// closing fence, which then removes that line again (the block would jump up by a line).
const PARTIAL_UNDERLINE = /\n {0,3}(?:-+|=+)[ \t]*$/
const PARTIAL_FENCE = /(?:^|\n) {0,3}(?:`+|~+)$/

/**
 * Trims what would render as a different block for one frame only: called on the last block of a
 * reply that is still streaming.
 */
export function holdBackPartialLine(block: string): string {
  return PARTIAL_UNDERLINE.test(block) || PARTIAL_FENCE.test(block)
    ? block.slice(0, block.lastIndexOf('\n') + 1)
    : block
}
