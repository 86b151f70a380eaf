import type { PersistenceAdapter, PersistenceAdapterOptions } from './adapter.ts'
import { warnIssue } from './adapter.ts'
import { withDataUrls, withImageBlobs } from './imageBlobs.ts'
import { createListSnapshot } from './listSnapshot.ts'
import { mergeRecords } from './mergeRecords.ts'
import {
  loadRecordChecker,
  PersistenceRecordError,
  RecordCheckPending,
  readMeta,
  readRecord,
  type StoredRecordChecker,
  type ThreadMeta,
  type ThreadRecord,
  toStored,
} from './threadRecord.ts'

// The browser default: threads in IndexedDB (raw API, no dependency). Metadata and trees sit in
// two stores so the list reads no messages. A save is load-merge-write in one transaction, so two
// tabs saving the same thread cannot overwrite each other; a BroadcastChannel tells the other tabs.
// Reading needs no zod: only a record the hand-written guards reject loads its schemas (never
// inside a transaction, which would end while the module loads).

/** Options of {@link createIndexedDbAdapter}. */
export interface IndexedDbAdapterOptions extends PersistenceAdapterOptions {
  /** The database name. Default `'kindling-threads'`. */
  name?: string | undefined
  /**
   * Keep the list's metadata in localStorage too, so a page paints its list before IndexedDB has
   * answered (then shows what IndexedDB holds). Titles are stored there. Default `true`.
   */
  listSnapshot?: boolean | undefined
}

const META = 'meta'
const TREES = 'trees'
const QUARANTINE = 'quarantine'
const DB_VERSION = 1

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
  })
}

function open(name: string): Promise<IDBDatabase> {
  const req = indexedDB.open(name, DB_VERSION)
  req.onupgradeneeded = () => {
    const db = req.result
    if (!db.objectStoreNames.contains(META)) db.createObjectStore(META, { keyPath: 'id' })
    if (!db.objectStoreNames.contains(TREES)) db.createObjectStore(TREES, { keyPath: 'id' })
    if (!db.objectStoreNames.contains(QUARANTINE)) db.createObjectStore(QUARANTINE, { autoIncrement: true })
  }
  return request(req)
}

/**
 * Creates the IndexedDB adapter. Records that cannot be read are moved to a `quarantine` store
 * (with the reason) and reported through `onIssue`; nothing is dropped and nothing throws.
 */
export function createIndexedDbAdapter(options: IndexedDbAdapterOptions = {}): PersistenceAdapter {
  const name = options.name ?? 'kindling-threads'
  const onIssue = options.onIssue ?? warnIssue
  let db: Promise<IDBDatabase> | undefined
  const database = () => {
    db ??= open(name)
    return db
  }
  const channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(`kindling:${name}`) : undefined
  const announce = (id: string) => channel?.postMessage({ id })

  /** Within `tx`: moves a thread's unreadable records to the quarantine store. */
  function setAside(tx: IDBTransaction, id: string, meta: unknown, tree: unknown, error: unknown) {
    const issue =
      error instanceof PersistenceRecordError
        ? error
        : new PersistenceRecordError('corrupt', id, meta, `Thread ${id} could not be read.`)
    tx.objectStore(QUARANTINE).add({
      threadId: id,
      meta,
      tree,
      kind: issue.kind,
      reason: issue.message,
      at: Date.now(),
    })
    tx.objectStore(META).delete(id)
    tx.objectStore(TREES).delete(id)
    return issue
  }

  /** Reads a record inside `tx`, setting it aside when unreadable. */
  async function loadIn(
    tx: IDBTransaction,
    id: string,
    issues: PersistenceRecordError[],
    checker: StoredRecordChecker,
  ) {
    const meta = await request(tx.objectStore(META).get(id))
    if (meta === undefined) return undefined
    const tree = await request(tx.objectStore(TREES).get(id))
    try {
      return readRecord(meta, tree, checker)
    } catch (error) {
      issues.push(setAside(tx, id, meta, tree, error))
      return undefined
    }
  }

  return {
    listSnapshot: options.listSnapshot === false ? undefined : createListSnapshot(name),
    async list() {
      // A read-only transaction (one getAll) on the hot path; only unreadable rows need a write.
      const tx = (await database()).transaction(META, 'readonly')
      const rows = await request(tx.objectStore(META).getAll())
      const out: ThreadMeta[] = []
      const bad: { id: string; row: unknown; error: unknown }[] = []
      const unchecked: unknown[] = []
      const read = (row: unknown, checker?: StoredRecordChecker) => {
        try {
          out.push(readMeta(row, checker))
        } catch (error) {
          if (error instanceof RecordCheckPending) return unchecked.push(row)
          const id = (row as { id?: unknown } | undefined)?.id
          if (typeof id === 'string') bad.push({ id, row, error })
        }
      }
      for (const row of rows) read(row)
      if (unchecked.length > 0) {
        const checker = await loadRecordChecker()
        for (const row of unchecked.splice(0)) read(row, checker)
      }
      if (bad.length > 0) {
        const write = (await database()).transaction([META, TREES, QUARANTINE], 'readwrite')
        const finished = done(write)
        const issues: PersistenceRecordError[] = []
        for (const { id, row, error } of bad) {
          const tree = await request(write.objectStore(TREES).get(id))
          issues.push(setAside(write, id, row, tree, error))
        }
        await finished
        for (const issue of issues) onIssue(issue)
      }
      return out
    },
    async load(id) {
      const tx = (await database()).transaction([META, TREES], 'readonly')
      const [meta, tree] = await Promise.all([
        request(tx.objectStore(META).get(id)),
        request(tx.objectStore(TREES).get(id)),
      ])
      if (meta === undefined) return undefined
      try {
        return await withDataUrls(readRecord(meta, tree))
      } catch {
        // Unreadable by the guards: with zod's checker, read again and set aside in one read-write
        // transaction (it may have been rewritten meanwhile, in which case the new version is read).
        const checker = await loadRecordChecker()
        const write = (await database()).transaction([META, TREES, QUARANTINE], 'readwrite')
        const finished = done(write)
        const issues: PersistenceRecordError[] = []
        const record = await loadIn(write, id, issues, checker)
        await finished
        for (const issue of issues) onIssue(issue)
        return record && withDataUrls(record)
      }
    },
    async save(record: ThreadRecord) {
      // The checker first: the stored record is read inside the transaction below.
      const checker = await loadRecordChecker()
      const tx = (await database()).transaction([META, TREES, QUARANTINE], 'readwrite')
      const finished = done(tx)
      const issues: PersistenceRecordError[] = []
      const previous = await loadIn(tx, record.id, issues, checker)
      const merged = mergeRecords(record, previous)
      const stored = toStored(withImageBlobs(merged, previous))
      tx.objectStore(META).put(stored.meta)
      tx.objectStore(TREES).put(stored.tree)
      await finished
      for (const issue of issues) onIssue(issue)
      announce(record.id)
      // Messages only another tab had come back from the store with Blob images.
      return withDataUrls(merged)
    },
    async delete(id) {
      const tx = (await database()).transaction([META, TREES], 'readwrite')
      const finished = done(tx)
      tx.objectStore(META).delete(id)
      tx.objectStore(TREES).delete(id)
      await finished
      announce(id)
    },
    subscribe(listener) {
      if (!channel) return () => {}
      const onMessage = (event: MessageEvent<{ id?: unknown }>) => {
        if (typeof event.data?.id === 'string') listener(event.data.id)
      }
      channel.addEventListener('message', onMessage)
      return () => channel.removeEventListener('message', onMessage)
    },
  }
}

/** The records a database set aside (for a "recover" screen, or a test). */
export async function readQuarantine(name = 'kindling-threads'): Promise<unknown[]> {
  const db = await open(name)
  try {
    return await request(db.transaction(QUARANTINE, 'readonly').objectStore(QUARANTINE).getAll())
  } finally {
    db.close()
  }
}
