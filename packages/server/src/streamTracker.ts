import type { StreamEnd } from './sse.ts'

/** One streamed response, from its first byte to its end. */
export interface StreamRecord {
  id: number
  /** The request path, e.g. `/v1/chat/completions`. */
  path: string
  model: string
  /** `proxied` when the stream came from the upstream. */
  source: 'builtin' | 'proxied'
  /** Body bytes handed to the HTTP layer so far: with backpressure, no more than the reader took plus socket buffers. */
  bytes: number
  /** Undefined while the stream is open. */
  end?: StreamEnd
}

/** What {@link StreamTracker.start} returns: call it once when the stream ends; `sent` counts bytes. */
export interface StreamHandle {
  (end: StreamEnd): void
  /** Adds `bytes` handed to the HTTP layer to the stream's count. */
  sent(bytes: number): void
}

/** Counts of streams by how they ended, as `GET /kindling/streams` reports them. */
export interface StreamStats {
  open: number
  completed: number
  clientClosed: number
  cut: number
  /** The latest streams, newest last (at most 50). */
  recent: StreamRecord[]
}

/** Called when a stream ends; see {@link StreamTracker.onStreamEnd}. */
export type StreamEndListener = (record: Required<StreamRecord>) => void

/**
 * Keeps count of open and ended streams so tests can prove that aborting a request closes its
 * connection: a client abort ends a stream as `client-closed`.
 */
export interface StreamTracker {
  /** Registers a stream that is starting and returns the function that ends it. */
  start(record: Omit<StreamRecord, 'id' | 'end' | 'bytes'>): StreamHandle
  stats(): StreamStats
  /** Calls `listener` whenever a stream ends; returns the unsubscribe function. */
  onStreamEnd(listener: StreamEndListener): () => void
  /** Resolves with the next stream to end after this call. */
  waitForStreamEnd(): Promise<Required<StreamRecord>>
}

const RECENT_LIMIT = 50

/** Creates an empty {@link StreamTracker}. */
export function createStreamTracker(): StreamTracker {
  const listeners = new Set<StreamEndListener>()
  const recent: StreamRecord[] = []
  const counts = { open: 0, completed: 0, clientClosed: 0, cut: 0 }
  let nextId = 1
  const onStreamEnd = (listener: StreamEndListener) => {
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }
  return {
    start(fields) {
      const record: StreamRecord = { id: nextId++, ...fields, bytes: 0 }
      recent.push(record)
      if (recent.length > RECENT_LIMIT) recent.shift()
      counts.open++
      const end = (end: StreamEnd) => {
        if (record.end) return
        record.end = end
        counts.open--
        if (end === 'completed') counts.completed++
        else if (end === 'client-closed') counts.clientClosed++
        else counts.cut++
        for (const listener of listeners) listener(record as Required<StreamRecord>)
      }
      return Object.assign(end, {
        sent: (bytes: number) => {
          record.bytes += bytes
        },
      })
    },
    stats: () => ({ ...counts, recent: recent.map((record) => ({ ...record })) }),
    onStreamEnd,
    waitForStreamEnd() {
      return new Promise((resolve) => {
        const unsubscribe = onStreamEnd((record) => {
          unsubscribe()
          resolve(record)
        })
      })
    },
  }
}
