import { memo } from 'react'
import { cx } from '../internal/cx.ts'

/** Props of {@link JsonView}. */
export interface JsonViewProps {
  /** Any JSON value, complete or partial (e.g. `useObjectCompletion`'s `partial`). */
  value: unknown
  /** The view's accessible name. Default `'JSON'`. */
  label?: string | undefined
  /** The value is still arriving: the view is `aria-busy` and the place where it grows is marked. */
  streaming?: boolean | undefined
  /** Levels open at first; deeper objects and arrays start collapsed. Default 3. */
  defaultExpandDepth?: number | undefined
  /** Levels drawn at most (a runaway value cannot exhaust the stack); deeper ones show `…`. Default 32. */
  maxDepth?: number | undefined
  className?: string | undefined
}

interface NodeProps {
  /** The member's key in its object, or `undefined` for array items and the root. */
  name: string | undefined
  value: unknown
  depth: number
  /** The value is the last one of a container still arriving: it may grow. */
  pending: boolean
  expandDepth: number
  maxDepth: number
}

const Caret = () => <span className="kindling-json__caret" aria-hidden="true" />

function Leaf({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span className="kindling-json__string">{JSON.stringify(value)}</span>
  if (typeof value === 'number') return <span className="kindling-json__number">{String(value)}</span>
  if (typeof value === 'boolean') return <span className="kindling-json__boolean">{String(value)}</span>
  if (value === null) return <span className="kindling-json__null">null</span>
  return <span className="kindling-json__other">{String(value)}</span>
}

function Name({ name }: { name: string | undefined }) {
  if (name === undefined) return null
  return (
    <>
      <span className="kindling-json__key">{name}</span>
      <span className="kindling-json__punct">: </span>
    </>
  )
}

// Memoised by value: a streamed object shares its finished parts between snapshots, so only the
// path that grows renders again.
const JsonNode = memo(function JsonNode({ name, value, depth, pending, expandDepth, maxDepth }: NodeProps) {
  // The root is not a list item: a list of one would only be noise to a screen reader.
  const Row = depth === 0 ? 'div' : 'li'
  const isArray = Array.isArray(value)
  const isObject = !isArray && typeof value === 'object' && value !== null
  if ((!isArray && !isObject) || depth >= maxDepth) {
    return (
      <Row className="kindling-json__row">
        <Name name={name} />
        {isArray || isObject ? (
          <span className="kindling-json__other" title="Deeper levels are not shown">
            …
          </span>
        ) : (
          <Leaf value={value} />
        )}
        {pending && <Caret />}
      </Row>
    )
  }
  const entries: [string | undefined, unknown][] = isArray
    ? (value as unknown[]).map((item) => [undefined, item])
    : Object.entries(value as Record<string, unknown>)
  const [open, close] = isArray ? ['[', ']'] : ['{', '}']
  if (entries.length === 0) {
    return (
      <Row className="kindling-json__row">
        <Name name={name} />
        <span className="kindling-json__punct">
          {open}
          {pending && <Caret />}
          {close}
        </span>
      </Row>
    )
  }
  const count = `${entries.length} ${isArray ? (entries.length === 1 ? 'item' : 'items') : entries.length === 1 ? 'key' : 'keys'}`
  const List = isArray ? 'ol' : 'ul'
  const members = entries.map(([key, member], index) => (
    <JsonNode
      // Items and keys only ever append while streaming: an item's position is a stable key.
      key={key ?? index}
      name={key}
      value={member}
      depth={depth + 1}
      pending={pending && index === entries.length - 1}
      expandDepth={expandDepth}
      maxDepth={maxDepth}
    />
  ))
  return (
    <Row className="kindling-json__row kindling-json__row--container">
      <details className="kindling-json__node" open={depth < expandDepth}>
        <summary className="kindling-json__summary">
          <Name name={name} />
          <span className="kindling-json__punct">{open}</span>
          <span className="kindling-json__hint">
            {' '}
            {count} {close}
          </span>
        </summary>
        <List className="kindling-json__members">{members}</List>
        <span className="kindling-json__punct kindling-json__close">{close}</span>
      </details>
    </Row>
  )
})

/**
 * A JSON value as a collapsible tree: objects and arrays open and close (native `<details>`, so by
 * keyboard and for screen readers too), strings wrap. Partial values (a streamed object) render as
 * they are; with `streaming`, a caret marks where the value grows, and finished parts do not
 * re-render.
 *
 * @example
 * <JsonView value={partial} streaming={status === 'streaming'} label="Recipe" />
 */
export function JsonView({
  value,
  label = 'JSON',
  streaming = false,
  defaultExpandDepth = 3,
  maxDepth = 32,
  className,
}: JsonViewProps) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of read-only values, not form controls (fieldset)
    <div className={cx('kindling-json', className)} role="group" aria-label={label} aria-busy={streaming}>
      {value === undefined ? (
        <p className="kindling-json__empty">{streaming ? <Caret /> : 'No value'}</p>
      ) : (
        <JsonNode
          name={undefined}
          value={value}
          depth={0}
          pending={streaming}
          expandDepth={defaultExpandDepth}
          maxDepth={maxDepth}
        />
      )}
    </div>
  )
}
