import {
  DEFAULT_STREAM_STORE_LIMITS,
  StreamCancelled,
  StreamEndedEarly,
  type StreamStore,
  StreamStoreFull,
  type StreamStoreLimits,
} from './streamStore.ts'

interface Kept {
  owner: string
  events: string[]
  bytes: number
  /** When the stream ended (ms), undefined while it runs. */
  endedAt: number | undefined
  complete: boolean
  /** Whether a cancel was asked for before it ended. */
  cancelled: boolean
  /** Woken when an event is appended or the stream ends. */
  wake: Set<() => void>
  cancel: Set<() => void>
  /** Follows running now. */
  readers: number
}

/** A {@link StreamStore} in this process's memory: nothing to install, one server instance. */
export function createMemoryStreamStore(limits: Partial<StreamStoreLimits> = {}): StreamStore {
  const { maxBytes, maxEventsPerStream, ttlMs } = { ...DEFAULT_STREAM_STORE_LIMITS, ...limits }
  // Insertion order is start order: the first finished stream found is the oldest.
  const streams = new Map<string, Kept>()
  let bytes = 0
  const drop = (id: string, kept: Kept) => {
    streams.delete(id)
    bytes -= kept.bytes
  }
  const sweep = (now: number, needed: number) => {
    for (const [id, kept] of streams) {
      if (kept.endedAt === undefined) continue
      if (now - kept.endedAt >= ttlMs || bytes + needed > maxBytes) drop(id, kept)
    }
  }
  const wake = (kept: Kept) => {
    for (const waiter of kept.wake) waiter()
    kept.wake.clear()
  }
  return {
    async open(id, owner) {
      sweep(Date.now(), 0)
      if (bytes >= maxBytes) {
        throw new StreamStoreFull(
          `The stream store is full (${maxBytes} bytes held by streams still running).`,
        )
      }
      streams.set(id, {
        owner,
        events: [],
        bytes: 0,
        endedAt: undefined,
        complete: false,
        cancelled: false,
        wake: new Set(),
        cancel: new Set(),
        readers: 0,
      })
    },
    async append(id, event) {
      const kept = streams.get(id)
      if (!kept || kept.endedAt !== undefined) return false
      if (kept.events.length >= maxEventsPerStream) return false
      // Running streams may go over maxBytes (each bounded by its event limit); finished ones make room.
      if (bytes + event.length > maxBytes) sweep(Date.now(), event.length)
      kept.events.push(event)
      kept.bytes += event.length
      bytes += event.length
      wake(kept)
      return true
    },
    async end(id, complete) {
      const kept = streams.get(id)
      if (!kept || kept.endedAt !== undefined) return
      kept.endedAt = Date.now()
      kept.complete = complete
      kept.cancel.clear()
      wake(kept)
    },
    async ownerOf(id) {
      const kept = streams.get(id)
      if (kept?.endedAt !== undefined && Date.now() - kept.endedAt >= ttlMs) {
        drop(id, kept)
        return undefined
      }
      return kept?.owner
    },
    async *follow(id, after, signal) {
      let next = Math.max(0, after)
      const reading = streams.get(id)
      if (reading) reading.readers++
      try {
        while (!signal.aborted) {
          const kept = streams.get(id)
          if (!kept) return
          while (next < kept.events.length) yield kept.events[next++] as string
          if (signal.aborted) return
          if (kept.endedAt !== undefined) {
            if (kept.complete) return
            if (kept.cancelled)
              throw new StreamCancelled('The stream was stopped before its answer was complete.')
            throw new StreamEndedEarly('The stream ended before its answer did.')
          }
          await new Promise<void>((resolve) => {
            const done = () => {
              signal.removeEventListener('abort', done)
              kept.wake.delete(done)
              resolve()
            }
            kept.wake.add(done)
            signal.addEventListener('abort', done, { once: true })
          })
        }
      } finally {
        if (reading) reading.readers--
      }
    },
    async readers(id) {
      return streams.get(id)?.readers ?? 0
    },
    async cancel(id) {
      const kept = streams.get(id)
      if (!kept) return
      if (kept.endedAt === undefined) kept.cancelled = true
      for (const listener of [...kept.cancel]) listener()
    },
    onCancel(id, listener) {
      const kept = streams.get(id)
      kept?.cancel.add(listener)
      return () => kept?.cancel.delete(listener)
    },
    async close() {
      for (const kept of streams.values()) wake(kept)
      streams.clear()
      bytes = 0
    },
  }
}
