import type { ChatState, ChatStore } from './chatState.ts'
import { ChunkedTree } from './chunkedTree.ts'

// Subscriptions to one message of a chat. A store listener per row runs every row's selectors on
// every streamed frame: 1,000 messages times a few selectors, to learn that one message changed.
// Here one store listener finds what a write changed (a streamed frame rewrites a node or two, in a
// chunk or two of the tree) and wakes only the subscribers of those messages.

/** Every subscriber must look again: the write changed more than message nodes. */
const ALL = 'all'

/** The fields of the state other than the tree and the list derived from it. */
function otherFieldsChanged(previous: ChatState, next: ChatState): boolean {
  for (const key in next) {
    if (key === 'tree' || key === 'messages') continue
    if (next[key as keyof ChatState] !== previous[key as keyof ChatState]) return true
  }
  return false
}

/**
 * The ids of the messages whose subscribers must look again after the state went from `previous` to
 * `next`, or `'all'`. A message is named when its node changed (its content, status or links) or
 * when its parent's children changed (its siblings); every subscriber when anything but message
 * nodes changed: the active path, the status, the tool calls, messages added or removed, the roots.
 * Comparing the tree's copy-on-write chunks costs O(messages / 64) plus the chunks written.
 */
export function messagesToNotify(previous: ChatState, next: ChatState): readonly string[] | typeof ALL {
  if (otherFieldsChanged(previous, next)) return ALL
  const before = previous.tree
  const after = next.tree
  if (before === after) return next.messages === previous.messages ? [] : ALL
  if (
    !(before instanceof ChunkedTree && after instanceof ChunkedTree) ||
    before.size !== after.size ||
    before.slots !== after.slots ||
    before.rootIds !== after.rootIds ||
    before.activeRootId !== after.activeRootId ||
    before.chunks.length !== after.chunks.length
  )
    return ALL
  const ids: string[] = []
  for (let chunk = 0; chunk < after.chunks.length; chunk++) {
    const was = before.chunks[chunk]
    const is = after.chunks[chunk]
    if (was === is || !was || !is) continue
    for (let index = 0; index < is.length; index++) {
      const node = is[index]
      const old = was[index]
      if (!node || node === old) continue
      ids.push(node.id)
      // Its children's siblings (or the active one among them) changed with it.
      if (old?.childIds !== node.childIds || old?.activeChildId !== node.activeChildId) {
        ids.push(...node.childIds)
        if (old) ids.push(...old.childIds)
      }
    }
  }
  return ids
}

interface MessageSubscriptions {
  readonly listeners: Map<string, Set<() => void>>
  unsubscribe: (() => void) | undefined
}

const byStore = new WeakMap<ChatStore, MessageSubscriptions>()

function notify(subscriptions: MessageSubscriptions, state: ChatState, previous: ChatState): void {
  const ids = messagesToNotify(previous, state)
  if (ids === ALL) {
    for (const set of [...subscriptions.listeners.values()]) for (const listener of [...set]) listener()
    return
  }
  for (const id of ids) {
    const set = subscriptions.listeners.get(id)
    if (set) for (const listener of [...set]) listener()
  }
}

/**
 * Calls `listener` after a write to `store` that may change what a selector of the message
 * `messageId` reads: its node, its siblings, or any state besides the message nodes (the active
 * path, the status, the tool calls, the input, …). Not after a write that changes other messages
 * only, such as a frame streamed into another message. Returns the unsubscribe function.
 */
export function subscribeToMessage(store: ChatStore, messageId: string, listener: () => void): () => void {
  let subscriptions = byStore.get(store)
  if (!subscriptions) {
    subscriptions = { listeners: new Map(), unsubscribe: undefined }
    byStore.set(store, subscriptions)
  }
  const own = subscriptions
  own.unsubscribe ??= store.subscribe((state, previous) => notify(own, state, previous))
  let set = own.listeners.get(messageId)
  if (!set) {
    set = new Set()
    own.listeners.set(messageId, set)
  }
  set.add(listener)
  return () => {
    const current = own.listeners.get(messageId)
    if (!current?.delete(listener)) return
    if (current.size === 0) own.listeners.delete(messageId)
    if (own.listeners.size === 0) {
      own.unsubscribe?.()
      own.unsubscribe = undefined
    }
  }
}
