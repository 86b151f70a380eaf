import type { ThreadMeta } from '@kindling/react'
import { type FormEvent, useId, useState } from 'react'
import { cx } from '../internal/cx.ts'

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
  const submitRename = (event: FormEvent<HTMLFormElement>, id: string) => {
    event.preventDefault()
    const title = new FormData(event.currentTarget).get('title')
    if (typeof title === 'string' && title.trim()) onRename(id, title.trim())
    setRenaming(undefined)
  }
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
          {shown.map((thread) => (
            <li key={thread.id} className="kindling-thread-list__item" data-active={thread.id === activeId}>
              {renaming === thread.id ? (
                <form onSubmit={(event) => submitRename(event, thread.id)}>
                  <input
                    name="title"
                    aria-label="Conversation title"
                    defaultValue={thread.title}
                    // biome-ignore lint/a11y/noAutofocus: the user just asked to rename this thread
                    autoFocus
                    onKeyDown={(event) => event.key === 'Escape' && setRenaming(undefined)}
                  />
                  <button type="submit" className="kindling-button kindling-button--ghost">
                    Save
                  </button>
                </form>
              ) : (
                <>
                  <button
                    type="button"
                    className="kindling-thread-list__title"
                    aria-current={thread.id === activeId ? 'page' : undefined}
                    onClick={() => onSelect(thread.id)}
                  >
                    {titleOf(thread, untitled)}
                  </button>
                  <span className="kindling-thread-list__actions">
                    <button
                      type="button"
                      className="kindling-button kindling-button--ghost"
                      aria-label={`Rename ${titleOf(thread, untitled)}`}
                      onClick={() => setRenaming(thread.id)}
                    >
                      Rename
                    </button>
                    {onArchive ? (
                      <button
                        type="button"
                        className="kindling-button kindling-button--ghost"
                        aria-label={`${thread.archived ? 'Restore' : 'Archive'} ${titleOf(thread, untitled)}`}
                        onClick={() => onArchive(thread.id, !thread.archived)}
                      >
                        {thread.archived ? 'Restore' : 'Archive'}
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="kindling-button kindling-button--ghost"
                      aria-label={`Delete ${titleOf(thread, untitled)}`}
                      onClick={() => onDelete(thread.id)}
                    >
                      Delete
                    </button>
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
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
