import { readMeta, THREAD_RECORD_VERSION, type ThreadMeta } from './threadRecord.ts'

// The thread list as last seen, in localStorage: read synchronously when a page starts, so the list
// paints before IndexedDB has answered, then replaced by what IndexedDB holds. Only a shortcut:
// anything unreadable is ignored, and a full or blocked storage only skips the write.

/** A synchronous store of the list (localStorage by default). */
export interface ListSnapshotStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/** Reads and writes one database's list snapshot. */
export interface ListSnapshot {
  /** The list as last written, or `undefined` (none, unreadable, or another record version). */
  read(): ThreadMeta[] | undefined
  write(threads: readonly ThreadMeta[]): void
}

function defaultStorage(): ListSnapshotStorage | undefined {
  try {
    // Absent on servers and in workers; access throws where storage is blocked.
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    return undefined
  }
}

/**
 * The list snapshot of database `name` (localStorage unless `storage` is given), or `undefined`
 * where there is no storage. The IndexedDB adapter keeps one; a custom adapter can set it as its
 * `listSnapshot`.
 */
export function createListSnapshot(
  name: string,
  storage: ListSnapshotStorage | undefined = defaultStorage(),
): ListSnapshot | undefined {
  if (!storage) return undefined
  const key = `kindling-threads:${name}:list`
  return {
    read() {
      try {
        const stored = JSON.parse(storage.getItem(key) ?? 'null') as { version?: unknown; threads?: unknown }
        if (stored?.version !== THREAD_RECORD_VERSION || !Array.isArray(stored.threads)) return undefined
        // The records' own guards, without zod: one bad row and the snapshot is not used.
        return stored.threads.map((meta) => readMeta({ version: THREAD_RECORD_VERSION, ...meta }))
      } catch {
        // Not JSON, or a row the guards reject (zod is never loaded for a shortcut).
        return undefined
      }
    },
    write(threads) {
      const rows = threads.map(({ id, title, createdAt, updatedAt, archived }) => ({
        id,
        title,
        createdAt,
        updatedAt,
        archived,
      }))
      try {
        storage.setItem(key, JSON.stringify({ version: THREAD_RECORD_VERSION, threads: rows }))
      } catch {
        // Full, or blocked: the next page reads IndexedDB only.
      }
    },
  }
}
