import { type ComponentProps, memo } from 'react'
import ReactMarkdown, { type Components, defaultUrlTransform, type ExtraProps } from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { FallbackBoundary } from '../internal/FallbackBoundary.tsx'
import { CodeBlock } from './CodeBlock.tsx'
import { fencedCode } from './fencedCode.ts'
import { type PlainReason, plainReason } from './markdownGuards.ts'
import { rehypeLinkSafety } from './rehypeLinkSafety.ts'
import { remarkDepthGuard } from './remarkDepthGuard.ts'

type HastElement = NonNullable<ExtraProps['node']>
type HastChild = HastElement['children'][number]

function textOf(node: HastChild | HastElement): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element') return node.children.map(textOf).join('')
  return ''
}

function PreBlock({ node }: ExtraProps) {
  const code = node?.children.find(
    (child): child is HastElement => child.type === 'element' && child.tagName === 'code',
  )
  const classes = code?.properties.className
  const languageClass = Array.isArray(classes)
    ? classes.find((name): name is string => typeof name === 'string' && name.startsWith('language-'))
    : undefined
  const text = code ? textOf(code) : ''
  return (
    <CodeBlock code={text.endsWith('\n') ? text.slice(0, -1) : text} language={languageClass?.slice(9)} />
  )
}

function SafeLink({
  href,
  title,
  children,
  'data-destination-host': destinationHost,
}: ComponentProps<'a'> & ExtraProps & { 'data-destination-host'?: string }) {
  // urlTransform emptied hrefs with unsafe protocols: keep the words, drop the link.
  if (!href) return <span className="kindling-markdown__dead-link">{children}</span>
  return (
    <a href={href} title={title} target="_blank" rel="noopener noreferrer nofollow ugc">
      {children}
      {/* The text names another site, or the host is an IDN: say where the link really goes. */}
      {destinationHost ? <span className="kindling-markdown__link-host"> ({destinationHost})</span> : null}
    </a>
  )
}

function ScrollableTable({ node: _node, ...props }: ComponentProps<'table'> & ExtraProps) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <div className="kindling-markdown__table" tabIndex={0}>
      <table {...props} />
    </div>
  )
}

function ImageAsText({ alt }: ComponentProps<'img'> & ExtraProps) {
  return <span className="kindling-markdown__image-alt">[image{alt ? `: ${alt}` : ''}]</span>
}

function SafeImage({ src, alt }: ComponentProps<'img'> & ExtraProps) {
  if (!src || typeof src !== 'string') return <ImageAsText alt={alt} />
  return <img src={src} alt={alt ?? ''} loading="lazy" referrerPolicy="no-referrer" />
}

const baseComponents: Components = { pre: PreBlock, a: SafeLink, table: ScrollableTable }
const withoutImages: Components = { ...baseComponents, img: ImageAsText }
const withImages: Components = { ...baseComponents, img: SafeImage }
const remarkPlugins = [remarkGfm, remarkDepthGuard]
const rehypePlugins = [rehypeLinkSafety]

/** Text the guards keep from the markdown parser, shown as it is. */
export function PlainBlock({ text, reason }: { text: string; reason: PlainReason | 'error' }) {
  return (
    <div className="kindling-markdown__plain" data-plain-reason={reason}>
      {text}
    </div>
  )
}

/** Props of {@link MarkdownBlock}. */
export interface MarkdownBlockProps {
  /** One top-level block (see `splitMarkdownBlocks`). */
  text: string
  /** Link reference and footnote definitions from elsewhere in the document. */
  definitions: string
  allowImages: boolean
}

/**
 * One top-level block, memoised on its text. A block that is only a code fence renders as a code
 * block without the parser (see `fencedCode.ts`). Blocks the guards reject, and blocks that throw
 * while rendering (a bug of the parser on input nobody foresaw), show as plain text.
 */
export const MarkdownBlock = memo(function MarkdownBlock({
  text,
  definitions,
  allowImages,
}: MarkdownBlockProps) {
  const fence = fencedCode(text)
  if (fence) return <CodeBlock code={fence.code} language={fence.language} />
  const reason = plainReason(text)
  if (reason) return <PlainBlock text={text} reason={reason} />
  // Definitions go after the block, where they render nothing; only a block with a `[` can use them.
  const source = definitions && text.includes('[') ? `${text}\n\n${definitions}` : text
  return (
    <FallbackBoundary resetKey={source} fallback={<PlainBlock text={text} reason="error" />}>
      {/* Raw HTML in model text becomes literal text (react-markdown's default without rehype-raw),
          so "use <T> here" keeps its words and nothing is ever parsed as markup. Only http(s),
          mailto, xmpp and irc(s) URLs survive defaultUrlTransform; `javascript:`, `data:`,
          `vbscript:` become "". */}
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={allowImages ? withImages : withoutImages}
        urlTransform={defaultUrlTransform}
      >
        {source}
      </ReactMarkdown>
    </FallbackBoundary>
  )
})
