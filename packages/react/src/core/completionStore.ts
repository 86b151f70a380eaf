import type { KindlingError, UsageInfo } from '@kindling/client'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { MessageTiming } from './chatMessage.ts'
import type { ChatStatus } from './status.ts'

/** One of the `n` choices of a text completion. */
export interface CompletionChoiceView {
  readonly index: number
  readonly text: string
  readonly finish_reason: string | null
}

/** How the last completion ended: finished, stopped by the user, or failed. */
export type CompletionOutcome = 'done' | 'stopped' | 'error'

/** The state of one text completion. Treat as immutable. */
export interface CompletionState {
  /** The text of choice 0 so far. */
  readonly completion: string
  /** Every choice (`n` > 1); unchanged choices keep their identity between updates. */
  readonly choices: readonly CompletionChoiceView[]
  readonly status: ChatStatus
  /** How the last completion ended; `undefined` before the first one ends. */
  readonly outcome: CompletionOutcome | undefined
  readonly error: KindlingError | undefined
  readonly usage: UsageInfo | undefined
  /** The model that answered. */
  readonly model: string | undefined
  /** The prompt of the last completion. */
  readonly prompt: string | undefined
  readonly timing: MessageTiming | undefined
  /** The text of the prompt box (`input` / `setInput` / `handleSubmit`). */
  readonly input: string
}

/** A vanilla zustand store holding one text completion. */
export type CompletionStore = StoreApi<CompletionState>

/** The state before any completion. */
export function initialCompletionState(): CompletionState {
  return {
    completion: '',
    choices: [],
    status: 'ready',
    outcome: undefined,
    error: undefined,
    usage: undefined,
    model: undefined,
    prompt: undefined,
    timing: undefined,
    input: '',
  }
}

/** Creates the vanilla store of one text completion. */
export function createCompletionStore(): CompletionStore {
  return createStore<CompletionState>()(initialCompletionState)
}
