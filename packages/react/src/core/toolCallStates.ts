import type { ChatUIMessage } from './chatMessage.ts'
import { getNode, type MessageTree, replaceMessages } from './messageTree.ts'
import type { ToolCallStatus, ToolCallView } from './toolRunner.ts'

// The state of each tool call, kept on its assistant message (`toolCallStates`) so it is saved with
// the thread: written when a call starts waiting, starts running or ends, never per token. A reload
// or another tab reads it back; merges keep the furthest state of each call, so a stale copy of a
// message can never bring an ended call back to "awaiting approval".

/** A tool call's state as saved with its message (`streaming-arguments` is never saved). */
export interface StoredToolCall {
  readonly status: Exclude<ToolCallStatus, 'streaming-arguments'>
  /** What the tool returned (`done`). */
  readonly result?: unknown
  /** Why it failed or that it was denied (`error`, `denied`). */
  readonly error?: string | undefined
}

/** The error a call that was running when its page closed ends with: it is never run again by itself. */
export const INTERRUPTED =
  'Interrupted: the page was closed or reloaded while this tool ran, so it may or may not have taken effect. It was not run again.'

const RANK: Record<StoredToolCall['status'], number> = {
  'awaiting-approval': 0,
  'awaiting-result': 0,
  running: 1,
  done: 2,
  error: 2,
  denied: 2,
}

const isStatus = (value: unknown): value is StoredToolCall['status'] =>
  typeof value === 'string' && Object.hasOwn(RANK, value)

/** True while a call waits for the user (an approval or a result from the UI). */
export function isWaiting(status: ToolCallStatus | undefined): boolean {
  return status === 'awaiting-approval' || status === 'awaiting-result'
}

/** True once a call ended (done, failed or denied). */
export function isEnded(status: ToolCallStatus | undefined): boolean {
  return status === 'done' || status === 'error' || status === 'denied'
}

/** The saved state of each call of `message`, by call id (malformed entries are skipped). */
export function toolCallStatesOf(message: ChatUIMessage | undefined): Record<string, StoredToolCall> {
  const states = message?.toolCallStates
  if (typeof states !== 'object' || states === null) return {}
  const out: Record<string, StoredToolCall> = {}
  for (const [id, state] of Object.entries(states)) {
    if (typeof state === 'object' && state !== null && isStatus(state.status)) out[id] = state
  }
  return out
}

/** The saved form of a call's view, or `undefined` for a state that is not saved. */
export function toStoredToolCall(view: ToolCallView): StoredToolCall | undefined {
  if (view.status === 'streaming-arguments') return undefined
  if (view.status === 'done') return { status: 'done', result: view.result }
  if (view.status === 'error' || view.status === 'denied') return { status: view.status, error: view.error }
  return { status: view.status }
}

/** `message` with a call's state saved on it (the same message when nothing changed). */
export function withToolCallState(message: ChatUIMessage, id: string, state: StoredToolCall): ChatUIMessage {
  const states = toolCallStatesOf(message)
  if (states[id]?.status === state.status) return message
  return { ...message, toolCallStates: { ...states, [id]: state } }
}

/** The two messages' call states combined: per call, the one further along wins (ties: `preferred`). */
function mergedStates(preferred: ChatUIMessage, other: ChatUIMessage): ChatUIMessage {
  const mine = toolCallStatesOf(preferred)
  let changed: Record<string, StoredToolCall> | undefined
  for (const [id, state] of Object.entries(toolCallStatesOf(other))) {
    const own = mine[id]
    if (own && RANK[own.status] >= RANK[state.status]) continue
    changed ??= { ...mine }
    changed[id] = state
  }
  return changed ? { ...preferred, toolCallStates: changed } : preferred
}

/**
 * `preferred` with the call states of `other`'s copies of its messages merged in (the tree of a
 * merge keeps `preferred`'s messages; this keeps the furthest state of every call of both).
 */
export function mergeToolCallStates(preferred: MessageTree, other: MessageTree): MessageTree {
  const changed: ChatUIMessage[] = []
  for (const node of other.nodes) {
    if (!node.message.toolCallStates) continue
    const mine = getNode(preferred, node.id)?.message
    if (!mine || mine === node.message) continue
    const merged = mergedStates(mine, node.message)
    if (merged !== mine) changed.push(merged)
  }
  return changed.length === 0 ? preferred : replaceMessages(preferred, changed)
}

/** The id of the `role: 'tool'` message answering a call: the same in every tab, so merges dedupe it. */
export function toolResultId(messageId: string, toolCallId: string): string {
  return `${messageId}:${toolCallId}`
}
