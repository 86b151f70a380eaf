// A reply that is writing a long file spends most of its stream inside one open code fence. Such a
// block is rendered directly as a code block, without the markdown parser: re-parsing the whole
// fence on every token was the largest cost of an update (issue 19).

const FENCE_LINE = /^( {0,3})(`{3,}|~{3,})([^\n]*)$/
const CLOSE_LINE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/

/** An unclosed code fence: its language and its code so far. */
export interface OpenFence {
  /** The first word of the info string, if any. */
  language: string | undefined
  /** The code so far, without the newline the closing fence will follow (as the parser gives it). */
  code: string
}

/**
 * The fence `block` opens and never closes, or `null` when `block` is anything else (a block that
 * does not start with a fence, a closed fence, text after one). CommonMark's rules: a backtick
 * fence's info string has no backticks; content lines lose up to the opening fence's indentation.
 */
export function openFence(block: string): OpenFence | null {
  const firstEnd = block.indexOf('\n')
  if (firstEnd === -1) return null
  const opening = FENCE_LINE.exec(block.slice(0, firstEnd))
  if (!opening) return null
  const [, indent = '', fence = '', info = ''] = opening
  if (fence[0] === '`' && info.includes('`')) return null
  const lines = block.slice(firstEnd + 1).split('\n')
  for (const line of lines) {
    const close = CLOSE_LINE.exec(line)?.[1]
    if (close && close[0] === fence[0] && close.length >= fence.length) return null
  }
  const content = indent
    ? lines.map((line) => line.replace(new RegExp(`^ {0,${indent.length}}`), '')).join('\n')
    : block.slice(firstEnd + 1)
  const language = info.trim().split(/\s+/)[0] || undefined
  return { language, code: content.endsWith('\n') ? content.slice(0, -1) : content }
}
