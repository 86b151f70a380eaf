import { CopyButton } from '../internal/CopyButton.tsx'
import { cx } from '../internal/cx.ts'
import { CodeLines } from './CodeLines.tsx'
import { useHighlighter } from './loadHighlighter.ts'

/** Props of {@link CodeBlock}. */
export interface CodeBlockProps {
  /** The code, shown as text. */
  code: string
  /** The fence's language (`python`, `ts`, …); unknown languages stay plain. */
  language?: string | undefined
  className?: string | undefined
}

/**
 * A fenced code block: language label, copy button, and syntax highlighting loaded on first use.
 * Until the highlighter arrives the same text shows unstyled, in the same box, so nothing moves.
 * Long code is rendered and highlighted in chunks of lines, so code that grows while it streams
 * costs per update what it adds.
 */
export function CodeBlock({ code, language, className }: CodeBlockProps) {
  const highlighter = useHighlighter(Boolean(language))
  return (
    <div className={cx('kindling-code-block', className)} data-language={language}>
      <div className="kindling-code-block__header">
        <span className="kindling-code-block__language">{language || 'text'}</span>
        <CopyButton text={code} label="Copy code" className="kindling-code-block__copy" />
      </div>
      {/* Focusable so keyboard users can scroll long lines. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <pre className="kindling-code-block__pre" tabIndex={0}>
        <code className={cx('kindling-code-lines', language && `language-${language}`)}>
          <CodeLines code={code} language={language} highlighter={highlighter} />
        </code>
      </pre>
    </div>
  )
}
