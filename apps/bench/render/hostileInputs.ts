// The adversarial markdown of the `hostile` section (issue 20 §3), built by size. Shared by the
// page (render/hostile.tsx) and the section (src/sections/hostile.ts), which names the rows.

const fill = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size)

const ordinaryParagraph =
  'A paragraph with **bold**, _emphasis_, `code` and a [link](https://example.com/docs). It goes on for a while, as replies do.\n\n'
const ordinaryList = '- an item with **bold** and `code`\n'

/** One input: a name for the table and the text (and, for streamed inputs, how many updates). */
export interface HostileInput {
  name: string
  text: string
  /** Rendered as this many growing updates while streaming, instead of once. */
  updates?: number
}

/** Every input; `scale` 1 is the full run, smaller for the smoke run. */
export function hostileInputs(scale = 1): HostileInput[] {
  const kb = (n: number) => Math.round(n * 1024 * scale)
  return [
    { name: 'ordinary reply (control)', text: fill(ordinaryParagraph, kb(12)) },
    { name: 'nested blockquotes `>>>…` 8 KB', text: `${'>'.repeat(kb(8))} x` },
    { name: 'nested lists `- - …` 8 KB', text: `${'- '.repeat(kb(4))}x` },
    { name: 'nested ordered `1. 1. …` 8 KB', text: `${'1. '.repeat(Math.round(kb(8) / 3))}x` },
    { name: 'emphasis runs `*a*a…` 12 KB', text: fill('*a', kb(12)) },
    { name: 'emphasis runs `*_*_…` 12 KB', text: `${fill('*_', kb(12))}a` },
    { name: 'setext underlines `a⏎-⏎` 12 KB', text: fill('a\n-\n', kb(12)) },
    { name: 'link openers `[a](` 24 KB', text: fill('[a](', kb(24)) },
    { name: 'email literals `a@b.c` 16 KB', text: fill('a@b.c ', kb(16)) },
    { name: 'markdown fence of `[a](` 8 KB', text: `\`\`\`markdown\n${fill('[a](', kb(8))}\n\`\`\`` },
    { name: 'one list block 100 KB', text: fill(ordinaryList, kb(100)) },
    {
      name: 'one table block 100 KB',
      text: `| a | b |\n|---|---|\n${fill('| **x** | [y](https://y.example) |\n', kb(100))}`,
    },
    // Just under the guards: the most a block costs when it is still parsed.
    { name: 'list block 19 KB (under the size limit)', text: fill(ordinaryList, kb(19)) },
    {
      name: '32 nested levels × 200 lines (under the nesting limit)',
      text: `${'> '.repeat(32)}x\n`.repeat(Math.round(200 * scale)),
    },
    { name: '250 email literals (under the autolink limit)', text: fill('a@b.c ', Math.round(1500 * scale)) },
    {
      name: '24 KB reply with a footnote, streamed in 100 updates',
      text: `Intro[^1].\n\n${fill(ordinaryParagraph, kb(24))}[^1]: The note.\n`,
      updates: 100,
    },
  ]
}
