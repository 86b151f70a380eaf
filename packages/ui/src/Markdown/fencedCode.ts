// A reply that is writing a long file spends most of its stream inside one code fence. A block that
// is only a fenced code block is rendered directly as a code block, without the markdown parser:
// re-parsing the whole fence on every token was the largest cost of an update, and rendering the
// fence the same way before and after it closes keeps its elements (and highlighting) when it
// closes, instead of building the whole block again in one long task (issue 19).

const FENCE_LINE = /^( {0,3})(`{3,}|~{3,})([^\n]*)$/
const CLOSE_LINE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/

/** A fenced code block: its language and its code. */
export interface FencedCode {
  /** The first word of the info string, if any. */
  language: string | undefined
  /** The code, without the newline before the closing fence (as the parser gives it). */
  code: string
}

/**
 * The code of `block` when `block` is one fenced code block (closed, or open to its end) followed by
 * nothing but blank lines; `null` for anything else. CommonMark's rules: a backtick fence's info
 * string has no backticks; content lines lose up to the opening fence's indentation. An info string
 * with escapes or character references (`c\+\+`, `c&#43;&#43;`) is left to the parser, which decodes
 * them.
 */
export function fencedCode(block: string): FencedCode | null {
  const firstEnd = block.indexOf('\n')
  if (firstEnd === -1) return null
  const opening = FENCE_LINE.exec(block.slice(0, firstEnd))
  if (!opening) return null
  const [, indent = '', fence = '', info = ''] = opening
  if ((fence[0] === '`' && info.includes('`')) || /[\\&]/.test(info)) return null
  let contentEnd = block.length
  for (let start = firstEnd + 1; start < block.length; ) {
    const newline = block.indexOf('\n', start)
    const end = newline === -1 ? block.length : newline
    // Most code lines cannot close the fence: test the pattern only on lines that start like one.
    let lead = start
    while (lead < end && lead - start < 3 && block.charCodeAt(lead) === 32) lead++
    if (block.charCodeAt(lead) === fence.charCodeAt(0)) {
      const close = CLOSE_LINE.exec(block.slice(start, end))?.[1]
      if (close && close[0] === fence[0] && close.length >= fence.length) {
        if (block.slice(end).trim() !== '') return null
        contentEnd = start
        break
      }
    }
    start = end + 1
  }
  let content = block.slice(firstEnd + 1, contentEnd)
  if (indent) content = content.replace(new RegExp(`^ {0,${indent.length}}`, 'gm'), '')
  const language = info.trim().split(/\s+/)[0] || undefined
  return { language, code: content.endsWith('\n') ? content.slice(0, -1) : content }
}
