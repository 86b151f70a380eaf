// highlight.js grammars are regular expressions run in a loop, and some are super-linear on input
// built for it: the markdown grammar is cubic in link openers (`[a](` × 2,000 takes seconds), and
// nested template substitutions (`${`${`…`}`}`) build a tree as deep as the nesting, which the
// conversion to React elements walks recursively. Code past these limits stays plain text (still
// copyable); figures in RELIABILITY.md.

/** Longest code (in characters) that is highlighted. */
export const MAX_HIGHLIGHT_CHARS = 16_000
/** Most `[` in code highlighted with the markdown grammar. */
export const MAX_MARKDOWN_LINK_OPENERS = 128
/** Deepest highlighted tree (in nested spans) turned into React elements. */
export const MAX_HIGHLIGHT_DEPTH = 48

const MARKDOWN_NAMES = new Set(['markdown', 'md', 'mkdown', 'mkd'])

/** Whether `code` may be run through the highlighter for `language` (a lowercased fence label). */
export function mayHighlight(code: string, language: string): boolean {
  if (code.length > MAX_HIGHLIGHT_CHARS) return false
  if (MARKDOWN_NAMES.has(language)) {
    let openers = 0
    for (let index = code.indexOf('['); index !== -1; index = code.indexOf('[', index + 1)) {
      if (++openers > MAX_MARKDOWN_LINK_OPENERS) return false
    }
  }
  return true
}
