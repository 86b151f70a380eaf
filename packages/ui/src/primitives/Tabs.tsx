import { type KeyboardEvent, type ReactNode, useRef } from 'react'
import { cx } from '../internal/cx.ts'

/** One tab of {@link Tabs}. */
export interface TabItem<Value extends string> {
  value: Value
  label: ReactNode
}

/** Props of {@link Tabs}. */
export interface TabsProps<Value extends string> {
  /** Accessible name of the tab list. */
  label: string
  /** The tabs, in order. */
  items: readonly TabItem<Value>[]
  /** The selected tab (controlled). */
  value: Value
  onValueChange: (value: Value) => void
  /**
   * Prefix of the ids: tab `v` gets id `${idPrefix}-tab-v` and controls `${idPrefix}-panel-v`, so
   * the app's panel is `<div role="tabpanel" id={`${idPrefix}-panel-${value}`} aria-labelledby={`${idPrefix}-tab-${value}`}>`.
   */
  idPrefix: string
  className?: string | undefined
}

/**
 * A segmented tab list (WAI-ARIA tabs): one tab stop, arrow keys, Home and End move between tabs
 * and select them. The app renders the selected panel itself, with the ids described at `idPrefix`.
 *
 * @example
 * <Tabs label="Mode" idPrefix="mode" items={[{ value: 'chat', label: 'Chat' }]} value={mode} onValueChange={setMode} />
 */
export function Tabs<Value extends string>({
  label,
  items,
  value,
  onValueChange,
  idPrefix,
  className,
}: TabsProps<Value>) {
  const listRef = useRef<HTMLDivElement | null>(null)
  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = items.findIndex((item) => item.value === value)
    const last = items.length - 1
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % items.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + items.length) % items.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined
    const item = next === undefined ? undefined : items[next]
    if (!item) return
    event.preventDefault()
    onValueChange(item.value)
    listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(`${idPrefix}-tab-${item.value}`)}`)?.focus()
  }
  return (
    <div
      ref={listRef}
      role="tablist"
      aria-label={label}
      className={cx('kindling-tabs', className)}
      onKeyDown={move}
    >
      {items.map((item) => {
        const selected = item.value === value
        return (
          <button
            key={item.value}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${item.value}`}
            aria-selected={selected}
            aria-controls={`${idPrefix}-panel-${item.value}`}
            tabIndex={selected ? 0 : -1}
            className="kindling-tabs__tab"
            onClick={() => onValueChange(item.value)}
          >
            {item.label}
          </button>
        )
      })}
    </div>
  )
}
