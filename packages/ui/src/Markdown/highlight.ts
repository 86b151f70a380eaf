import { toJsxRuntime } from 'hast-util-to-jsx-runtime'
import bash from 'highlight.js/lib/languages/bash'
import c from 'highlight.js/lib/languages/c'
import cpp from 'highlight.js/lib/languages/cpp'
import csharp from 'highlight.js/lib/languages/csharp'
import css from 'highlight.js/lib/languages/css'
import diff from 'highlight.js/lib/languages/diff'
import go from 'highlight.js/lib/languages/go'
import java from 'highlight.js/lib/languages/java'
import javascript from 'highlight.js/lib/languages/javascript'
import json from 'highlight.js/lib/languages/json'
import markdown from 'highlight.js/lib/languages/markdown'
import python from 'highlight.js/lib/languages/python'
import rust from 'highlight.js/lib/languages/rust'
import shell from 'highlight.js/lib/languages/shell'
import sql from 'highlight.js/lib/languages/sql'
import typescript from 'highlight.js/lib/languages/typescript'
import xml from 'highlight.js/lib/languages/xml'
import yaml from 'highlight.js/lib/languages/yaml'
import { createLowlight } from 'lowlight'
import type { ReactNode } from 'react'
import { Fragment, jsx, jsxs } from 'react/jsx-runtime'
import { MAX_HIGHLIGHT_DEPTH, mayHighlight } from './highlightGuards.ts'
import { treeDepth } from './remarkDepthGuard.ts'

// lowlight runs highlight.js grammars but returns a syntax tree instead of an HTML string, and
// hast-util-to-jsx-runtime turns that tree into React elements: model text never goes through
// innerHTML. This module is only ever reached through a dynamic import (see loadHighlighter.ts).
const lowlight = createLowlight({
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  markdown,
  python,
  rust,
  shell,
  sql,
  typescript,
  xml,
  yaml,
})

/** The languages (and their aliases, e.g. `js`, `py`, `html`, `sh`) the highlighter knows. */
export const highlightedLanguages: readonly string[] = lowlight.listLanguages()

/** Highlighted code, and whether the grammar is back at top level where it ends. */
export interface HighlightedCode {
  /** React elements, or `null` when the code stays plain (see {@link highlightCode}). */
  node: ReactNode | null
  /**
   * The last character is outside every highlighted span: no multi-line string or comment is still
   * open there, so the code after it can be highlighted on its own. `true` for plain code.
   */
  endsAtTopLevel: boolean
}

/**
 * Highlights `code` like {@link highlightCode}, also telling whether a chunk of lines may end here:
 * highlight.js keeps no public per-line state, so long code is highlighted in chunks cut only where
 * the grammar is at top level.
 */
export function highlightCodeChunk(code: string, language: string): HighlightedCode {
  const name = language.toLowerCase()
  if (!lowlight.registered(name) || !mayHighlight(code, name)) return { node: null, endsAtTopLevel: true }
  try {
    const tree = lowlight.highlight(name, code)
    if (treeDepth(tree, MAX_HIGHLIGHT_DEPTH) > MAX_HIGHLIGHT_DEPTH)
      return { node: null, endsAtTopLevel: true }
    const last = tree.children.at(-1)
    return { node: toJsxRuntime(tree, { Fragment, jsx, jsxs }), endsAtTopLevel: last?.type !== 'element' }
  } catch {
    // A grammar that overflows the stack on some input: plain text is still correct.
    return { node: null, endsAtTopLevel: true }
  }
}

/**
 * Highlights `code` as React elements, or returns `null` (the caller then shows the plain text)
 * for a language it does not know, and for code past the limits of `highlightGuards.ts`.
 */
export function highlightCode(code: string, language: string): ReactNode | null {
  return highlightCodeChunk(code, language).node
}
