import type { ThreadMeta } from '@kindling/react'
import { type FormEvent, memo } from 'react'

/** What a row can do; one stable object for every row, so rows stay memoised. */
export interface ThreadRowActions {
  select(id: string): void
  startRename(id: string): void
  cancelRename(): void
  rename(id: string, title: string): void
  archive(id: string, archived: boolean): void
  delete(id: string): void
}

/** Props of {@link ThreadListRow}. */
export interface ThreadListRowProps {
  thread: ThreadMeta
  /** The title shown (the thread's, or the "untitled" text). */
  title: string
  active: boolean
  renaming: boolean
  canArchive: boolean
  actions: ThreadRowActions
}

/** One thread of the list: its title (to open it) and rename, archive and delete; or the rename form. */
export const ThreadListRow = memo(function ThreadListRow({
  thread,
  title,
  active,
  renaming,
  canArchive,
  actions,
}: ThreadListRowProps) {
  const submitRename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const value = new FormData(event.currentTarget).get('title')
    if (typeof value === 'string') actions.rename(thread.id, value)
    else actions.cancelRename()
  }
  return (
    <li className="kindling-thread-list__item" data-active={active}>
      {renaming ? (
        <form onSubmit={submitRename}>
          <input
            name="title"
            aria-label="Conversation title"
            defaultValue={thread.title}
            // biome-ignore lint/a11y/noAutofocus: the user just asked to rename this thread
            autoFocus
            onKeyDown={(event) => event.key === 'Escape' && actions.cancelRename()}
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
            aria-current={active ? 'page' : undefined}
            onClick={() => actions.select(thread.id)}
          >
            {title}
          </button>
          <span className="kindling-thread-list__actions">
            <button
              type="button"
              className="kindling-button kindling-button--ghost"
              aria-label={`Rename ${title}`}
              onClick={() => actions.startRename(thread.id)}
            >
              Rename
            </button>
            {canArchive ? (
              <button
                type="button"
                className="kindling-button kindling-button--ghost"
                aria-label={`${thread.archived ? 'Restore' : 'Archive'} ${title}`}
                onClick={() => actions.archive(thread.id, !thread.archived)}
              >
                {thread.archived ? 'Restore' : 'Archive'}
              </button>
            ) : null}
            <button
              type="button"
              className="kindling-button kindling-button--ghost"
              aria-label={`Delete ${title}`}
              onClick={() => actions.delete(thread.id)}
            >
              Delete
            </button>
          </span>
        </>
      )}
    </li>
  )
})
