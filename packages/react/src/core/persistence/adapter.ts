import type { ListSnapshot } from './listSnapshot.ts'
import type { PersistenceRecordError, ThreadMeta, ThreadRecord } from './threadRecord.ts'

// The persistence seam: where threads are kept. IndexedDB in a browser, memory in tests and on
// servers, or your own (a REST backend: four methods over fetch).

/** Where threads are kept. Every method resolves; a record that cannot be read is reported, not thrown. */
export interface PersistenceAdapter {
  /** Every readable thread's metadata (any order). */
  list(): Promise<ThreadMeta[]>
  /** A whole thread, or `undefined` when there is none (or it could not be read: see `onIssue`). */
  load(id: string): Promise<ThreadRecord | undefined>
  /**
   * Writes a thread. When the store already holds a version of it (another tab wrote it), the two
   * trees are merged by message id, so neither loses messages; resolves with what was written.
   */
  save(record: ThreadRecord): Promise<ThreadRecord>
  /** Removes a thread. */
  delete(id: string): Promise<void>
  /** Calls `listener` with a thread's id when another tab or process saved or deleted it. */
  subscribe?(listener: (id: string) => void): () => void
  /**
   * The list as last seen, kept where it reads synchronously (the IndexedDB adapter: localStorage):
   * a thread store shows it until `list()` answers, and writes it when its list changes.
   */
  readonly listSnapshot?: ListSnapshot | undefined
}

/** What adapters report about records they could not read (kept aside, never dropped). */
export interface PersistenceAdapterOptions {
  /** Called once for each record set aside, with a typed error saying why. Default: `console.warn`. */
  onIssue?: ((issue: PersistenceRecordError) => void) | undefined
}

/** The default report of a record set aside. */
export function warnIssue(issue: PersistenceRecordError): void {
  console.warn(`[kindling] ${issue.message}`)
}
