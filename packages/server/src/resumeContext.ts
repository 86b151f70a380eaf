import type { StreamStore } from './streamStore.ts'

/** What a streamed answer needs to be resumable: set up by the route before the first byte. */
export interface ResumeContext {
  store: StreamStore
  streamId: string
  /** The caller will resume after a drop: its disconnect does not stop the answer at once. */
  resumable: boolean
  graceMs: number
  /** Headers for the first response: the stream id and, without `Authorization`, the resume token. */
  headers: Record<string, string>
  onStoreError: (error: unknown) => void
  /** Calls `stop` when the server closes; returns the function that forgets it. */
  onClosing: (stop: () => void) => () => void
}
