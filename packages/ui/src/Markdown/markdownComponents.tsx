import type { ComponentProps, ReactNode } from 'react'
import type { Components, ExtraProps } from 'react-markdown'
import { CodeBlock } from './CodeBlock.tsx'

// The elements the markdown parser's output is rendered with: code blocks with their copy button
// and highlighting, links that cannot run script or hide where they go, images only when allowed.

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

/** The box a table scrolls in, wide tables included. */
export function ScrollableTable({ node: _node, ...props }: ComponentProps<'table'> & ExtraProps) {
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

/** The components a block renders with. */
export function blockComponents(allowImages: boolean): Components {
  return allowImages ? withImages : withoutImages
}

// A segment of a paragraph renders its inline content only: the <p> around the segments is one.
const Unwrapped = ({ children }: ComponentProps<'p'>) => children
const segmentWithoutImages: Components = { ...withoutImages, p: Unwrapped }
const segmentWithImages: Components = { ...withImages, p: Unwrapped }

/** The components a segment of a paragraph renders with (see `paragraphSegments.ts`). */
export function segmentComponents(allowImages: boolean): Components {
  return allowImages ? segmentWithImages : segmentWithoutImages
}

// A group of a list's items renders its items only: the list element around the groups is one.
// Lists nested in the items keep theirs (the group's own list starts at its first character).
const UnwrappedList = ({ node, ...props }: ComponentProps<'ul'> & ExtraProps) =>
  node?.position?.start.offset === 0 ? props.children : <ul {...props} />
const UnwrappedOrderedList = ({ node, ...props }: ComponentProps<'ol'> & ExtraProps) =>
  node?.position?.start.offset === 0 ? props.children : <ol {...props} />
const groupWithoutImages: Components = { ...withoutImages, ul: UnwrappedList, ol: UnwrappedOrderedList }
const groupWithImages: Components = { ...withImages, ul: UnwrappedList, ol: UnwrappedOrderedList }

/** The components a group of a list's items renders with (see `listSegments.ts`). */
export function listGroupComponents(allowImages: boolean): Components {
  return allowImages ? groupWithImages : groupWithoutImages
}

// A group of a table's rows renders its body rows only: the table around the groups is one.
const Rows = ({ children }: { children?: ReactNode }) => children
const NoHead = () => null
const rowsWithoutImages: Components = { ...withoutImages, table: Rows, thead: NoHead, tbody: Rows }
const rowsWithImages: Components = { ...withImages, table: Rows, thead: NoHead, tbody: Rows }

/** The components a group of a table's rows renders with (see `tableSegments.ts`). */
export function tableRowsComponents(allowImages: boolean): Components {
  return allowImages ? rowsWithImages : rowsWithoutImages
}

// The head of a table whose rows render in groups: its header row only.
const headWithoutImages: Components = { ...withoutImages, table: Rows, tbody: NoHead }
const headWithImages: Components = { ...withImages, table: Rows, tbody: NoHead }

/** The components a table's header renders with, above groups of rows. */
export function tableHeadComponents(allowImages: boolean): Components {
  return allowImages ? headWithImages : headWithoutImages
}
