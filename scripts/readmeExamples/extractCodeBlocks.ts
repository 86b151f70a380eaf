/** A fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The fence's language (`ts`, `tsx`, `sh`, …). */
  lang: string
  /** What follows the language on the fence line (`nocheck` opts a block out of typechecking). */
  meta: string
  /** 1-based line of the first line of code (the line after the fence). */
  line: number
  code: string
}

const FENCE = /^(\s*)(`{3,})(\S*)\s*(.*)$/

/** Every fenced code block of a Markdown text, in order. */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n')
  const blocks: CodeBlock[] = []
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index] as string)
    if (!open) continue
    const [, indent = '', ticks = '', lang = '', meta = ''] = open
    const body: string[] = []
    let end = index + 1
    while (end < lines.length && !(lines[end] as string).trimStart().startsWith(ticks)) {
      body.push((lines[end] as string).slice(indent.length))
      end++
    }
    blocks.push({ lang, meta: meta.trim(), line: index + 2, code: body.join('\n') })
    index = end
  }
  return blocks
}
