import fc from 'fast-check'

// Model output built to break a markdown renderer, as varied families: each arbitrary draws the
// family's shape, its size and its filler, so a run covers more than one hand-written string.

/** `unit` repeated to exactly `size` characters. */
export function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size)
}

/** Deeply nested blockquotes and lists, 4–8 KB by default: each level is one more recursion. */
export function nestedContainers(minSize = 4_000, maxSize = 8_000): fc.Arbitrary<string> {
  const level = fc.constantFrom('>', '> ', '- ', '* ', '+ ', '1. ', '1) ', '> - ', '- > ', '9. ')
  return fc
    .record({
      levels: fc.array(level, { minLength: 1, maxLength: 4 }),
      size: fc.integer({ min: minSize, max: maxSize }),
      words: fc.constantFrom('x', 'deep', '**deep** text', '`code`'),
      lines: fc.integer({ min: 1, max: 3 }),
    })
    .map(({ levels, size, words, lines }) => {
      const prefix = fill(levels.join(''), Math.floor(size / lines))
      return Array.from({ length: lines }, () => `${prefix}${words}`).join('\n')
    })
}

/** Inline constructs nested as deep as the size allows (emphasis, strikethrough, images). */
export function nestedInline(minSize = 4_000, maxSize = 8_000): fc.Arbitrary<string> {
  const shape = fc.constantFrom(['*_', '_*'], ['~~a ', ' b~~'], ['![', '](x)'], ['**a ', ' b**'], ['[', ']'])
  return fc.record({ shape, size: fc.integer({ min: minSize, max: maxSize }) }).map(({ shape, size }) => {
    const [open, close] = shape as [string, string]
    const count = Math.floor(size / (open.length + close.length))
    return `${open.repeat(count)}x${close.repeat(count)}`
  })
}

/** Input the parser is super-linear on, 12–48 KB by default: emphasis, setext underlines, links. */
export function superLinear(minSize = 12_000, maxSize = 48_000): fc.Arbitrary<string> {
  const unit = fc.constantFrom(
    '*a',
    'a*',
    '*_',
    '_a*',
    '~a*',
    'a\n-\n',
    'a\n=\n',
    'ab\n--\n',
    '[a](',
    '[a]',
    '![a',
    '[',
  )
  return fc
    .record({
      unit,
      size: fc.integer({ min: minSize, max: maxSize }),
      prefix: fc.constantFrom('', '> ', '- '),
    })
    .map(({ unit, size, prefix }) => `${prefix}${fill(unit, size)}`)
}

/** GFM autolink literals by the thousand (emails, `www.`, URLs), 12–48 KB by default. */
export function autolinkLiterals(minSize = 12_000, maxSize = 48_000): fc.Arbitrary<string> {
  const unit = fc.constantFrom(
    'a@b.',
    'a@b.c ',
    'x_y@z.w',
    'a.b@c.d.e_',
    'www.a.',
    'www.a.b ',
    'http://a.b/',
    'mailto:a@b.c ',
  )
  return fc
    .record({ unit, size: fc.integer({ min: minSize, max: maxSize }) })
    .map(({ unit, size }) => fill(unit, size))
}

/** One block that is very large: a list or a table with no blank line, 100 KB by default. */
export function largeBlock(minSize = 90_000, maxSize = 110_000): fc.Arbitrary<string> {
  return fc
    .record({
      kind: fc.constantFrom('list', 'ordered', 'table'),
      size: fc.integer({ min: minSize, max: maxSize }),
    })
    .map(({ kind, size }) => {
      if (kind === 'table')
        return `| a | b |\n|---|---|\n${fill('| **x** | [y](https://y.example) |\n', size)}`
      return fill(kind === 'list' ? '- item with *some* words\n' : '1. item with `code`\n', size)
    })
}

/** A markdown code fence full of link openers, which highlight.js's markdown grammar takes cubic time on. */
export function markdownFenceOfLinkOpeners(minSize = 4_000, maxSize = 16_000): fc.Arbitrary<string> {
  return fc
    .record({ size: fc.integer({ min: minSize, max: maxSize }), label: fc.constantFrom('markdown', 'md') })
    .map(({ size, label }) => `\`\`\`${label}\n${fill('[a](', size)}\n\`\`\``)
}

/** Nested template substitutions in a JavaScript-like fence: a highlight tree as deep as the nesting. */
export function nestedTemplates(minDepth = 500, maxDepth = 3_000): fc.Arbitrary<string> {
  return fc
    .record({
      depth: fc.integer({ min: minDepth, max: maxDepth }),
      label: fc.constantFrom('js', 'ts', 'javascript'),
    })
    .map(({ depth, label }) => `\`\`\`${label}\n${'`${'.repeat(depth)}x${'}`'.repeat(depth)}\n\`\`\``)
}

/** Letters that survive markdown parsing unchanged, to check that text is shown whole. */
export const plainWords: fc.Arbitrary<string> = fc
  .array(fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'omega'), { minLength: 1, maxLength: 6 })
  .map((words) => words.join(' '))
