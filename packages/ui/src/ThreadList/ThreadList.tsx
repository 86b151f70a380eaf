import { useThreads } from '@kindling/react'
import { type ReactNode, useState } from 'react'
import { cx } from '../internal/cx.ts'
import { ThreadListView } from './ThreadListView.tsx'

/** Props of {@link ThreadList}. */
export interface ThreadListProps {
  /** Called after a thread was chosen or created (e.g. to close a sheet). */
  onNavigate?: ((id: string) => void) | undefined
  className?: string | undefined
}

/**
 * The conversations of the `KindlingProvider`'s thread store (`threads` prop): new chat, search,
 * the list newest first with the active one marked, rename, archive and delete.
 */
export function ThreadList({ onNavigate, className }: ThreadListProps) {
  const { threads, activeId, threadStore } = useThreads()
  return (
    <ThreadListView
      className={className}
      threads={threads}
      activeId={activeId}
      onSelect={(id) => {
        void threadStore.open(id)
        onNavigate?.(id)
      }}
      onCreate={() => onNavigate?.(threadStore.create())}
      onRename={(id, title) => void threadStore.rename(id, title)}
      onArchive={(id, archived) => void threadStore.archive(id, archived)}
      onDelete={(id) => void threadStore.delete(id)}
    />
  )
}

/** Props of {@link ThreadSidebar}. */
export interface ThreadSidebarProps {
  /** Label of the button that opens the list on narrow screens. Default "Conversations". */
  toggleLabel?: string | undefined
  className?: string | undefined
  /** Extra content under the list. */
  children?: ReactNode
}

/**
 * {@link ThreadList} laid out for the screen: a sidebar on wide screens; on narrow ones a button
 * that opens it as a sheet over the page, closed again by choosing a thread, Escape or "Close".
 */
export function ThreadSidebar({ toggleLabel = 'Conversations', className, children }: ThreadSidebarProps) {
  const [open, setOpen] = useState(false)
  return (
    <div className={cx('kindling-thread-sidebar', className)} data-open={open}>
      <button
        type="button"
        className="kindling-button kindling-thread-sidebar__toggle"
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        {toggleLabel}
      </button>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the sheet; its buttons are the controls */}
      <div
        className="kindling-thread-sidebar__panel"
        onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}
      >
        <button
          type="button"
          className="kindling-button kindling-button--ghost kindling-thread-sidebar__close"
          onClick={() => setOpen(false)}
        >
          Close
        </button>
        <ThreadList onNavigate={() => setOpen(false)} />
        {children}
      </div>
    </div>
  )
}
