import type { DeepPartial, KindlingError, UsageInfo } from '@kindling/client'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { MessageTiming } from './chatMessage.ts'
import type { CompletionOutcome } from './completionStore.ts'
import type { ChatStatus } from './status.ts'

/** The state of one object completion (a typed object streamed from a schema). Treat as immutable. */
export interface ObjectCompletionState<T = unknown> {
  /**
   * The object so far, as it streams: finished parts keep their identity between updates (see
   * `PartialJsonParser.snapshot`). Kept when the request is stopped or fails.
   */
  readonly partial: DeepPartial<T> | undefined
  /** The finished object, validated by the schema; `undefined` until the answer ends well. */
  readonly object: T | undefined
  /** The raw answer text so far (kept whole on every error). */
  readonly text: string
  readonly status: ChatStatus
  /** How the last request ended; `undefined` before the first one ends. */
  readonly outcome: CompletionOutcome | undefined
  /**
   * Why the last request failed: a `StructuredOutputError` (`invalid-json`, `schema-mismatch`; its
   * `text` is the raw answer) or the request's own error.
   */
  readonly error: KindlingError | undefined
  readonly finishReason: string | null
  readonly usage: UsageInfo | undefined
  /** The model that answered. */
  readonly model: string | undefined
  readonly timing: MessageTiming | undefined
  /** The text of the prompt box (`input` / `setInput` / `handleSubmit`). */
  readonly input: string
}

/** A vanilla zustand store holding one object completion. */
export type ObjectCompletionStore = StoreApi<ObjectCompletionState>

/** The state before any request. */
export function initialObjectCompletionState(): ObjectCompletionState {
  return {
    partial: undefined,
    object: undefined,
    text: '',
    status: 'ready',
    outcome: undefined,
    error: undefined,
    finishReason: null,
    usage: undefined,
    model: undefined,
    timing: undefined,
    input: '',
  }
}

/** Creates the vanilla store of one object completion. */
export function createObjectCompletionStore(): ObjectCompletionStore {
  return createStore<ObjectCompletionState>()(initialObjectCompletionState)
}
