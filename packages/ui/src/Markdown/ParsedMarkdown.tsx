import type { ReactNode } from 'react'
import ReactMarkdown, { type Components, defaultUrlTransform } from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { FallbackBoundary } from '../internal/FallbackBoundary.tsx'
import { rehypeLinkSafety } from './rehypeLinkSafety.ts'
import { remarkDepthGuard } from './remarkDepthGuard.ts'

const remarkPlugins = [remarkGfm, remarkDepthGuard]
const rehypePlugins = [rehypeLinkSafety]

/** Props of {@link ParsedMarkdown}. */
export interface ParsedMarkdownProps {
  /** Markdown the guards let through (see `markdownGuards.ts`). */
  text: string
  /** Link reference and footnote definitions from elsewhere in the document. */
  definitions: string
  components: Components
  /** Shown if rendering throws (a bug of the parser on input nobody foresaw). */
  fallback: ReactNode
}

/** `text` through the markdown parser, with the document's definitions and the safety plugins. */
export function ParsedMarkdown({ text, definitions, components, fallback }: ParsedMarkdownProps) {
  // Definitions go after the text, where they render nothing; only text with a `[` can use them.
  const source = definitions && text.includes('[') ? `${text}\n\n${definitions}` : text
  return (
    <FallbackBoundary resetKey={source} fallback={fallback}>
      {/* Raw HTML in model text becomes literal text (react-markdown's default without rehype-raw),
          so "use <T> here" keeps its words and nothing is ever parsed as markup. Only http(s),
          mailto, xmpp and irc(s) URLs survive defaultUrlTransform; `javascript:`, `data:`,
          `vbscript:` become "". */}
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
        urlTransform={defaultUrlTransform}
      >
        {source}
      </ReactMarkdown>
    </FallbackBoundary>
  )
}
