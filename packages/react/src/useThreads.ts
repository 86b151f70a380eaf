import { useStore } from 'zustand'
import type { ThreadMeta } from './core/persistence/threadRecord.ts'
import type { ThreadListState, ThreadStore } from './core/threadStore.ts'
import { useKindlingContext } from './KindlingProvider.tsx'

/** What {@link useThreads} returns: the list's state and the thread store's actions. */
export interface UseThreadsResult extends ThreadListState {
  /** The thread store itself (stable), for its actions: `create`, `open`, `rename`, `archive`, `delete`. */
  readonly threadStore: ThreadStore
  /** The active thread's metadata. */
  readonly active: ThreadMeta | undefined
}

/** The thread store given to the nearest `KindlingProvider` (or `store`). Throws a message saying what to do when there is none. */
function useThreadStore(store: ThreadStore | undefined): ThreadStore {
  const { threads } = useKindlingContext()
  const chosen = store ?? threads
  if (!chosen) {
    throw new Error(
      'No thread store: pass `threads={createThreadStore({ adapter })}` to <KindlingProvider>, or a store to useThreads.',
    )
  }
  return chosen
}

/**
 * The thread list (newest first), the active thread and the actions on them. Re-renders when the
 * list or the active thread changes, never while an answer streams.
 *
 * @example
 * const { threads, activeId, threadStore } = useThreads()
 * threads.map((thread) => <button key={thread.id} onClick={() => threadStore.open(thread.id)}>{thread.title}</button>)
 */
export function useThreads(store?: ThreadStore): UseThreadsResult {
  const threadStore = useThreadStore(store)
  const state = useStore(threadStore.store)
  const active = state.threads.find((thread) => thread.id === state.activeId)
  return { ...state, threadStore, active }
}

/** The `KindlingProvider`'s thread store, or `undefined` when it was given none (no throw). */
export function useKindlingThreads(): ThreadStore | undefined {
  return useKindlingContext().threads
}
