import type { KindlingError } from '@kindling/client'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { ActivePathIndex } from './activePathIndex.ts'
import type { ChatUIMessage } from './chatMessage.ts'
import {
  activePathIds,
  forEachActiveBelow,
  getNode,
  type MessageTree,
  selectBranchBelow,
  siblingPosition,
  treeFromMessages,
} from './messageTree.ts'
import type { ChatStatus } from './status.ts'
import type { ToolCallView } from './toolRunner.ts'

/**
 * Why the automatic tool loop paused: it reached `maxSteps` requests, or a loaded thread's calls were
 * interrupted by a closed page (their results are appended). `continue()` goes on.
 */
export interface ToolLoopState {
  readonly stoppedAt: 'max-steps' | 'interrupted'
  /** How many automatic requests were sent in this turn. */
  readonly steps: number
}

// The state of one chat: its message tree, and the active path as a list for the screen. A write
// replaces only what it changes, so selectors can skip everything else.

/** The state of one chat. Treat as immutable. */
export interface ChatState {
  /** Every message, with every branch. */
  readonly tree: MessageTree
  /** The messages of the active path, oldest first: the conversation shown and sent. */
  readonly messages: readonly ChatUIMessage[]
  /** The ids of `messages`, in order; a new array only when the active path changes. */
  readonly messageIds: readonly string[]
  /** Position of each message in `messages`, by id; replaced with `messageIds`. */
  readonly messageIndex: ReadonlyMap<string, number>
  readonly status: ChatStatus
  /** The last request's error while `status` is `'error'`. */
  readonly error: KindlingError | undefined
  /** The text of the chat's input box (`input` / `setInput` / `handleSubmit`). */
  readonly input: string
  /** The tool calls the engine is running or ran, by call id (see `selectToolCalls`). */
  readonly toolCalls: ReadonlyMap<string, ToolCallView>
  /** Set when the tool loop paused at its step cap; `undefined` otherwise. */
  readonly toolLoop: ToolLoopState | undefined
}

/** A vanilla zustand store holding one chat. */
export type ChatStore = StoreApi<ChatState>

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false
  return true
}

/**
 * The state fields for a new tree: the active path is walked again (O(depth)); `messageIds` and
 * `messageIndex` keep their identity when the path's ids did not change, and `messages` when no
 * message on it did.
 */
export function withTree(
  previous: Pick<ChatState, 'messages' | 'messageIds' | 'messageIndex'> | undefined,
  tree: MessageTree,
  changedFrom?: string,
): Pick<ChatState, 'tree' | 'messages' | 'messageIds' | 'messageIndex'> {
  if (previous && changedFrom !== undefined) {
    const fast = withChangedBranch(previous, tree, changedFrom)
    if (fast) return fast
  }
  const ids = activePathIds(tree)
  const messages = ids.map((id) => getNode(tree, id)?.message as ChatUIMessage)
  if (previous && sameIds(previous.messageIds, ids)) {
    const unchanged = messages.every((message, index) => message === previous.messages[index])
    return {
      tree,
      messages: unchanged ? previous.messages : messages,
      messageIds: previous.messageIds,
      messageIndex: previous.messageIndex,
    }
  }
  return { tree, messages, messageIds: ids, messageIndex: new ActivePathIndex(tree, ids) }
}

/**
 * The state fields after a branch change below the active path's part that leads to `changedFrom`
 * (a switch, or an added message): the path is re-walked only from where it left the old one, so a
 * switch deep in a long thread costs the part of the path that changed (plus a pointer copy of the
 * part kept), not the whole path or tree. `undefined` when `changedFrom` is not on the new path.
 */
function withChangedBranch(
  previous: Pick<ChatState, 'messages' | 'messageIds' | 'messageIndex'>,
  tree: MessageTree,
  changedFrom: string,
): Pick<ChatState, 'tree' | 'messages' | 'messageIds' | 'messageIndex'> | undefined {
  // Up from the changed message to the last message the old and new paths share.
  let node = getNode(tree, changedFrom)
  let shared = -1
  while (node) {
    const index = previous.messageIndex.get(node.id)
    if (index !== undefined && previous.messages[index] === node.message) {
      shared = index
      break
    }
    node = node.parentId === null ? undefined : getNode(tree, node.parentId)
  }
  if (!node) return undefined
  const ids = previous.messageIds.slice(0, shared + 1)
  const messages = previous.messages.slice(0, shared + 1)
  forEachActiveBelow(tree, node.id, (next) => {
    ids.push(next.id)
    messages.push(next.message)
  })
  // Nothing moved (a message appended off the path, say): keep the old identities.
  if (sameIds(ids, previous.messageIds)) return withTree(previous, tree)
  return { tree, messages, messageIds: ids, messageIndex: new ActivePathIndex(tree, ids) }
}

/**
 * The tree with this message's branch shown, going up only until the active path (O(steps to the
 * path), not O(depth)); the same tree when it is shown already or unknown.
 */
export function treeWithBranch(state: Pick<ChatState, 'tree' | 'messageIndex'>, id: string): MessageTree {
  return selectBranchBelow(state.tree, id, (ancestor) => state.messageIndex.has(ancestor))
}

/**
 * The `messages` field after messages already in the tree changed (a streamed frame): only those
 * on the active path are replaced, every other message keeps its identity. O(path) pointer copy.
 */
export function withChangedMessages(
  state: ChatState,
  changed: readonly ChatUIMessage[],
): Pick<ChatState, 'messages'> {
  let messages: ChatUIMessage[] | undefined
  for (const message of changed) {
    const index = state.messageIndex.get(message.id)
    if (index === undefined) continue
    messages ??= state.messages.slice()
    messages[index] = message
  }
  return { messages: messages ?? state.messages }
}

/** The message with this id, on the active path or not, in O(1). */
export function selectMessage(state: ChatState, id: string): ChatUIMessage | undefined {
  return getNode(state.tree, id)?.message
}

/** A message's place among its siblings, e.g. `{ index: 1, count: 3 }` for "2 / 3". */
export function selectSiblings(state: ChatState, id: string): { index: number; count: number } | undefined {
  const position = siblingPosition(state.tree, id)
  return position && { index: position.index, count: position.count }
}

/** The state of a chat holding `tree`. */
export function chatStateOf(tree: MessageTree): ChatState {
  return {
    ...withTree(undefined, tree),
    status: 'ready',
    error: undefined,
    input: '',
    toolCalls: new Map(),
    toolLoop: undefined,
  }
}

/** The initial state of a chat with these messages (one branch). */
export function initialChatState(messages: readonly ChatUIMessage[] = []): ChatState {
  return chatStateOf(treeFromMessages(messages))
}

/** Creates the vanilla store of one chat. */
export function createChatStore(tree: MessageTree = treeFromMessages([])): ChatStore {
  return createStore<ChatState>()(() => chatStateOf(tree))
}
