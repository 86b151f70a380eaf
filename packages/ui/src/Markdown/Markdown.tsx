import { type ComponentProps, memo, useMemo } from 'react'
import ReactMarkdown, { type Components, defaultUrlTransform, type ExtraProps } from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { cx } from '../internal/cx.ts'
import { CodeBlock } from './CodeBlock.tsx'
import { holdBackPartialLine, splitMarkdownBlocks } from './splitMarkdownBlocks.ts'

/** Props of {@link Markdown}. */
export interface MarkdownProps {
  /** Untrusted markdown, e.g. model output. */
  children: string
  /** The text is still arriving: a half-typed last line that would flash as another block waits. */
  streaming?: boolean | undefined
  /** Show images (`![alt](https://…)`). Off by default: an image fetch tells its host who reads. */
  allowImages?: boolean | undefined
  className?: string | undefined
}

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

function SafeLink({ href, children }: ComponentProps<'a'> & ExtraProps) {
  // urlTransform emptied hrefs with unsafe protocols: keep the words, drop the link.
  if (!href) return <span className="kindling-markdown__dead-link">{children}</span>
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
      {children}
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
const remarkPlugins = [remarkGfm]

const MarkdownBlock = memo(function MarkdownBlock({
  text,
  allowImages,
}: {
  text: string
  allowImages: boolean
}) {
  return (
    // Raw HTML in model text becomes literal text (react-markdown's default without rehype-raw), so
    // "use <T> here" keeps its words and nothing is ever parsed as markup. Only http(s), mailto,
    // xmpp and irc(s) URLs survive defaultUrlTransform; `javascript:`, `data:`, `vbscript:` become "".
    <ReactMarkdown
      remarkPlugins={remarkPlugins}
      components={allowImages ? withImages : withoutImages}
      urlTransform={defaultUrlTransform}
    >
      {text}
    </ReactMarkdown>
  )
})

/**
 * Renders untrusted markdown (GitHub flavour) as React elements, safely and cheaply while it streams:
 * no raw HTML, unsafe link protocols neutralised, images only with `allowImages`, code blocks with a
 * copy button and lazily loaded highlighting. Finished top-level blocks are memoised, so each new
 * token re-parses only the last block.
 */
export function Markdown({ children, streaming = false, allowImages = false, className }: MarkdownProps) {
  const blocks = useMemo(() => {
    const split = splitMarkdownBlocks(children)
    if (streaming) {
      const last = split.length - 1
      split[last] = holdBackPartialLine(split[last] ?? '')
    }
    return split
  }, [children, streaming])
  return (
    <div className={cx('kindling-markdown', className)}>
      {blocks.map((block, index) => (
        // Blocks only ever grow at the end, so the index is a stable identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <MarkdownBlock key={index} text={block} allowImages={allowImages} />
      ))}
    </div>
  )
}
