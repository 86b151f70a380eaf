import type { PersistenceAdapter, PersistenceAdapterOptions } from './adapter.ts'
import { warnIssue } from './adapter.ts'
import { mergeRecords } from './mergeRecords.ts'
import {
  PersistenceRecordError,
  readMeta,
  readRecord,
  type ThreadMeta,
  type ThreadRecord,
  toStored,
} from './threadRecord.ts'
import { checkStoredRecord } from './threadRecordSchema.ts'

/** A record set aside because it could not be read. */
export interface QuarantinedRecord {
  readonly threadId: string | undefined
  readonly raw: unknown
  readonly error: PersistenceRecordError
}

/** The in-memory adapter, with what it set aside and a way to plant raw records (tests, migrations). */
export interface MemoryAdapter extends PersistenceAdapter {
  /** Records that could not be read, oldest first. */
  readonly quarantine: readonly QuarantinedRecord[]
  /** How many times `save` wrote. */
  readonly writes: number
  /** Stores raw values as they are, unchecked (a record written by another version, say). */
  putRaw(id: string, meta: unknown, tree: unknown): void
}

/**
 * Keeps threads in memory, as the stored JSON (so what comes back has been through the same
 * checks as from IndexedDB). For tests and servers.
 */
export function createMemoryAdapter(options: PersistenceAdapterOptions = {}): MemoryAdapter {
  const onIssue = options.onIssue ?? warnIssue
  const metas = new Map<string, string>()
  const trees = new Map<string, string>()
  const quarantine: QuarantinedRecord[] = []
  let writes = 0

  function setAside(id: string, error: unknown) {
    const issue =
      error instanceof PersistenceRecordError
        ? error
        : new PersistenceRecordError('corrupt', id, metas.get(id), `Thread ${id} could not be read.`)
    quarantine.push({ threadId: id, raw: { meta: metas.get(id), tree: trees.get(id) }, error: issue })
    metas.delete(id)
    trees.delete(id)
    onIssue(issue)
  }

  const parse = (text: string | undefined): unknown => {
    if (text === undefined) return undefined
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }

  function load(id: string): ThreadRecord | undefined {
    if (!metas.has(id)) return undefined
    try {
      return readRecord(parse(metas.get(id)), parse(trees.get(id)), checkStoredRecord)
    } catch (error) {
      setAside(id, error)
      return undefined
    }
  }

  return {
    get quarantine() {
      return quarantine
    },
    get writes() {
      return writes
    },
    putRaw(id, meta, tree) {
      metas.set(id, typeof meta === 'string' ? meta : JSON.stringify(meta))
      trees.set(id, typeof tree === 'string' ? tree : JSON.stringify(tree))
    },
    async list() {
      const out: ThreadMeta[] = []
      for (const id of [...metas.keys()]) {
        try {
          out.push(readMeta(parse(metas.get(id)), checkStoredRecord))
        } catch (error) {
          setAside(id, error)
        }
      }
      return out
    },
    load: async (id) => load(id),
    async save(record) {
      const merged = mergeRecords(record, load(record.id))
      const stored = toStored(merged)
      metas.set(record.id, JSON.stringify(stored.meta))
      trees.set(record.id, JSON.stringify(stored.tree))
      writes += 1
      return merged
    },
    async delete(id) {
      metas.delete(id)
      trees.delete(id)
    },
  }
}
