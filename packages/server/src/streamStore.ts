/**
 * Where a streamed answer's events are kept while it runs and for a while after it ends, so a
 * reader that lost its connection can resume it, on this instance or another one sharing the store.
 * Events are numbered from 1 in the order they were appended.
 */
export interface StreamStore {
  /** Registers a new stream owned by `owner` (a hash); throws {@link StreamStoreFull} when over its limits. */
  open(id: string, owner: string): Promise<void>
  /** Appends the stream's next event (its exact bytes); false when the stream is over its event limit. */
  append(id: string, event: string): Promise<boolean>
  /**
   * Marks the stream as ended: readers get what is left, then the end, or, when `complete` is false
   * (the source failed or was stopped), {@link StreamEndedEarly}.
   */
  end(id: string, complete: boolean): Promise<void>
  /** The owner hash given to {@link StreamStore.open}, or undefined for an unknown or expired stream. */
  ownerOf(id: string): Promise<string | undefined>
  /**
   * The events numbered after `after`, then each new one as it is appended, until the stream ends
   * or `signal` aborts. Throws {@link StreamEndedEarly} after the last event of a stream that did not
   * complete, {@link StreamStoreUnavailable} if the store fails while following.
   */
  follow(id: string, after: number, signal: AbortSignal): AsyncIterable<string>
  /**
   * Asks whichever instance produces the stream to stop it; readers then end with
   * {@link StreamCancelled} rather than {@link StreamEndedEarly}.
   */
  cancel(id: string): Promise<void>
  /** Calls `listener` when {@link StreamStore.cancel} is called for `id`, on any instance; returns the unsubscribe function. */
  onCancel(id: string, listener: () => void): () => void
  /**
   * How many readers follow the stream now, on any instance. A stream whose first reader left keeps
   * being produced while someone reads it, and for the grace period after the last reader left.
   * Optional: a store without it gives the grace period from the first reader's leaving only, so a
   * resumed reader of a long answer may see it end early.
   */
  readers?(id: string): Promise<number>
  /** Releases the store's connections and timers. */
  close(): Promise<void>
}

/** Bounds on what a stream store keeps. */
export interface StreamStoreLimits {
  /** Bytes of events kept in all, finished streams going first, oldest first. Default 64 MiB. */
  maxBytes: number
  /** Events kept per stream; a longer stream ends there (no `[DONE]`). Default 100 000. */
  maxEventsPerStream: number
  /** Milliseconds a stream is kept after it ended. Default 300 000 (5 minutes). */
  ttlMs: number
}

/** The default {@link StreamStoreLimits}. */
export const DEFAULT_STREAM_STORE_LIMITS: StreamStoreLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxEventsPerStream: 100_000,
  ttlMs: 300_000,
}

/** The store cannot take another stream: the caller gets a 503. */
export class StreamStoreFull extends Error {}

/** The store's backend (Redis) failed: streams that depend on it fail clearly. */
export class StreamStoreUnavailable extends Error {}

/** The stream ended before its answer did (cut upstream, stopped): a reader's connection fails too. */
export class StreamEndedEarly extends Error {}

/**
 * The stream was stopped through {@link StreamStore.cancel} (a reader pressed stop) before its
 * answer was complete: other readers get an `event: error` with code `stream_cancelled`, so they can
 * show the answer as stopped rather than failed.
 */
export class StreamCancelled extends StreamEndedEarly {}

/**
 * The instance producing the stream stopped (killed, crashed) without ending it: its liveness lease
 * lapsed. Readers on other instances get an `event: error` rather than waiting for an end that never comes.
 */
export class StreamProducerLost extends StreamEndedEarly {}
