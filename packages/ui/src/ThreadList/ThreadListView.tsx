import type { ThreadMeta } from '@kindling/react'
import { startTransition, useEffect, useId, useRef, useState } from 'react'
import { cx } from '../internal/cx.ts'
import { ThreadListRow, type ThreadRowActions } from './ThreadListRow.tsx'

/** Props of {@link ThreadListView}. */
export interface ThreadListViewProps {
  /** The threads, in the order to show (newest first). Archived ones are listed only when shown. */
  threads: readonly ThreadMeta[]
  activeId: string | undefined
  onSelect: (id: string) => void
  onCreate: () => void
  onRename: (id: string, title: string) => void
  onDelete: (id: string) => void
  /** Archive (`true`) or restore (`false`); without it there is no archive button. */
  onArchive?: ((id: string, archived: boolean) => void) | undefined
  /** Shown for a thread with no title yet. Default "Untitled". */
  untitled?: string | undefined
  className?: string | undefined
}

/** Rows in the first paint (about 32 px each): a sidebar with room for more shows its end, which brings more. */
const FIRST_ROWS = 24
/** Rows added each time the end of the list comes into view (or "Show more" is pressed). */
const MORE_ROWS = 50

/** The title a thread is listed under. */
const titleOf = (thread: ThreadMeta, untitled: string) => thread.title || untitled

/**
 * A list of conversations: "New chat", a search box, the threads (the active one marked with
 * `aria-current`), and per thread rename, archive and delete. Stateless apart from the search text
 * and the thread being renamed; {@link ThreadList} connects it to `useThreads`.
 */
export function ThreadListView({
  threads,
  activeId,
  onSelect,
  onCreate,
  onRename,
  onDelete,
  onArchive,
  untitled = 'Untitled',
  className,
}: ThreadListViewProps) {
  const [query, setQuery] = useState('')
  const [showArchived, setShowArchived] = useState(false)
  const [renaming, setRenaming] = useState<string | undefined>(undefined)
  const searchId = useId()
  const needle = query.trim().toLowerCase()
  const shown = threads.filter(
    (thread) =>
      thread.archived === showArchived &&
      (!needle || titleOf(thread, untitled).toLowerCase().includes(needle)),
  )
  // A long list renders the rows a sidebar shows and grows as its end comes into view: a page of a
  // thousand threads neither builds nor tears down a thousand rows it never shows. The active
  // thread is always among the rows.
  const [limit, setLimit] = useState(FIRST_ROWS)
  const activeIndex = activeId === undefined ? -1 : shown.findIndex((thread) => thread.id === activeId)
  const rows = Math.max(limit, activeIndex + 1)
  const visible = shown.length > rows ? shown.slice(0, rows) : shown
  const hidden = shown.length - visible.length
  const showMore = () => startTransition(() => setLimit(rows + MORE_ROWS))
  const moreButton = useRef<HTMLButtonElement>(null)
  const hasMore = hidden > 0
  // One observer per page of rows (not per render: typing a search re-renders the list).
  // biome-ignore lint/correctness/useExhaustiveDependencies: showMore reads `rows`, a dependency
  useEffect(() => {
    const button = moreButton.current
    if (!hasMore || !button || typeof IntersectionObserver !== 'function') return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) showMore()
    })
    observer.observe(button)
    return () => observer.disconnect()
  }, [rows, hasMore])
  // Rows are memoised and get one stable actions object that calls the latest props, so choosing a
  // thread re-renders two rows, not a thousand.
  const latest = useRef({ onSelect, onRename, onDelete, onArchive })
  latest.current = { onSelect, onRename, onDelete, onArchive }
  const [actions] = useState<ThreadRowActions>(() => ({
    select: (id) => latest.current.onSelect(id),
    startRename: (id) => setRenaming(id),
    cancelRename: () => setRenaming(undefined),
    rename: (id, title) => {
      if (title.trim()) latest.current.onRename(id, title.trim())
      setRenaming(undefined)
    },
    archive: (id, archived) => latest.current.onArchive?.(id, archived),
    delete: (id) => latest.current.onDelete(id),
  }))
  return (
    <nav className={cx('kindling-thread-list', className)} aria-label="Conversations">
      <button type="button" className="kindling-button kindling-thread-list__new" onClick={onCreate}>
        New chat
      </button>
      <label className="kindling-thread-list__search" htmlFor={searchId}>
        <span className="kindling-visually-hidden">Search conversations</span>
        <input
          id={searchId}
          type="search"
          placeholder="Search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </label>
      {shown.length === 0 ? (
        <p className="kindling-thread-list__empty">
          {needle ? 'No conversation matches.' : showArchived ? 'Nothing archived.' : 'No conversations yet.'}
        </p>
      ) : (
        <ul>
          {visible.map((thread) => (
            <ThreadListRow
              key={thread.id}
              thread={thread}
              title={titleOf(thread, untitled)}
              active={thread.id === activeId}
              renaming={renaming === thread.id}
              canArchive={onArchive !== undefined}
              actions={actions}
            />
          ))}
        </ul>
      )}
      {hasMore ? (
        <button
          ref={moreButton}
          type="button"
          className="kindling-button kindling-button--ghost kindling-thread-list__more"
          onClick={showMore}
        >
          Show more ({hidden})
        </button>
      ) : null}
      {onArchive ? (
        <button
          type="button"
          className="kindling-button kindling-button--ghost kindling-thread-list__archived"
          aria-pressed={showArchived}
          onClick={() => setShowArchived((shown) => !shown)}
        >
          {showArchived ? 'Back to conversations' : 'Archived'}
        </button>
      ) : null}
    </nav>
  )
}
