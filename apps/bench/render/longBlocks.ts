// Long blocks that stay the last block while they grow (issue 19): a 5,000-word paragraph with no
// blank line, a 600-item tight list and a 200-row table, one after the other. A token is 4
// characters, as in longAnswer.ts.
import { TOKEN_CHARS } from './longAnswer.ts'

const WORDS = ['the', 'answer', 'keeps', 'going', 'without', 'a', 'break', 'while', 'tokens', 'arrive']

function words(count: number, seed: number): string {
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const word = WORDS[(i * 3 + seed) % WORDS.length] as string
    out.push(i % 41 === 4 ? `**${word} in bold**` : i % 37 === 8 ? `\`${word}()\`` : word)
  }
  return out.join(' ')
}

/** The text, and the token counts just before each long block ends. */
export function longBlocks(): { text: string; marks: Record<string, number> } {
  const parts = ['# Long blocks\n\n', `${words(5000, 0)}.\n\n`]
  const paragraphEnd = parts.join('').length - 2
  parts.push(`${Array.from({ length: 600 }, (_, i) => `- item ${i}: ${words(8, i)}`).join('\n')}\n\n`)
  const listEnd = parts.join('').length - 2
  const rows = Array.from({ length: 200 }, (_, i) => `| row ${i} | ${i * 7} | ${words(6, i)} |`)
  parts.push(`| name | value | note |\n| --- | ---: | --- |\n${rows.join('\n')}\n`)
  const text = parts.join('')
  const tokens = (chars: number) => Math.floor(chars / TOKEN_CHARS) - 8
  return {
    text,
    marks: { paragraphEnd: tokens(paragraphEnd), listEnd: tokens(listEnd), tableEnd: tokens(text.length) },
  }
}
