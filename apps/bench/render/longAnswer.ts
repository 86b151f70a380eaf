// A 20,000-token answer (issue 19): prose, a table, lists, a finished 1,500-line code block, more
// prose, then a code block still open when the stream ends (~1,860 lines). A token is 4 characters.

/** Characters per token. */
export const TOKEN_CHARS = 4

function prose(words: number, seed: number): string {
  const vocabulary = [
    'the',
    'stream',
    'renders',
    'each',
    'token',
    'as',
    'it',
    'arrives',
    'while',
    'a',
    'reader',
    'follows',
    'long',
    'answer',
    'with',
    'code',
    'and',
    'tables',
    'memoised',
    'blocks',
  ]
  const out: string[] = []
  for (let i = 0; i < words; i++) {
    const word = vocabulary[(i * 7 + seed) % vocabulary.length] as string
    out.push(i % 23 === 5 ? `**${word}**` : i % 31 === 9 ? `\`${word}\`` : word)
  }
  return `${out.join(' ')}.`
}

function codeLines(count: number, seed: number): string {
  const lines: string[] = []
  for (let i = 0; lines.length < count; i++) {
    if (i % 60 === 10) lines.push('/**', ` * Step ${i + seed} of the plan.`, ' */')
    else if (i % 9 === 0) lines.push(`function f${i + seed}(x) {`)
    else if (i % 9 === 8) lines.push('}')
    else lines.push(`  const v${i % 100} = x * ${i % 13}`)
  }
  return lines.slice(0, count).join('\n')
}

/** The answer's text and where its parts start, in tokens. */
export function longAnswer(): { text: string; marks: Record<string, number> } {
  const parts: string[] = []
  parts.push('# A long answer\n\n', `${prose(250, 1)}\n\n`, `${prose(200, 2)}\n\n`)
  const rows = Array.from({ length: 40 }, (_, i) => `| row ${i} | ${i * 3} | ${prose(6, i)} |`)
  parts.push(`| name | value | note |\n| --- | ---: | --- |\n${rows.join('\n')}\n\n`)
  parts.push(`${Array.from({ length: 30 }, (_, i) => `- item ${i}: ${prose(12, i)}`).join('\n')}\n\n`)
  parts.push(`${Array.from({ length: 20 }, (_, i) => `${i + 1}. ${prose(10, i + 3)}`).join('\n')}\n\n`)
  const firstFence = parts.join('').length
  parts.push(`\`\`\`ts\n${codeLines(1500, 0)}\n\`\`\`\n\n`)
  const afterFence = parts.join('').length
  parts.push(`${prose(250, 4)}\n\n`, `${prose(250, 5)}\n\n`, `${prose(250, 6)}\n\n`, `${prose(250, 7)}\n\n`)
  const openFence = parts.join('').length
  parts.push(`\`\`\`ts\n${codeLines(2400, 9000)}\n`)
  const text = parts.join('').slice(0, 20_000 * TOKEN_CHARS)
  const tokens = (chars: number) => Math.floor(chars / TOKEN_CHARS)
  return {
    text,
    marks: { firstFence: tokens(firstFence), afterFence: tokens(afterFence), openFence: tokens(openFence) },
  }
}
