import type { ChatUIMessage } from './chatMessage.ts'

// The messages of a chat as a tree: every message has a parent (or is a root), edits and
// regenerations add siblings, and each node remembers which child is active, so the conversation
// shown (the active path) is one walk from the active root down.
//
// Nodes sit by slot in copy-on-write chunks of 64 with an id → slot map, rather than nested: a write
// copies the chunk it touches and the short list of chunks (n / 64 pointers), so a branch switch
// costs the path it changes, not the size of the tree. No node but the one written gets a new
// identity, not even its ancestors, since they refer to children by id. The slot map changes only
// when nodes are added. The flat `nodes` array is built on first read and kept.

/** One message in the tree, with its links. Treat as immutable. */
export interface MessageNode {
  readonly id: string
  /** The message this one answers or follows; `null` for a first message. */
  readonly parentId: string | null
  /** Every alternative that follows this message, oldest first. */
  readonly childIds: readonly string[]
  /** The child shown on the active path; `undefined` for a leaf. */
  readonly activeChildId: string | undefined
  readonly message: ChatUIMessage
}

/** A chat's messages with every branch. Treat as immutable; build it with the functions below. */
export interface MessageTree {
  /** Every node, by insertion slot (built on first read: prefer {@link getNode} on hot paths). */
  readonly nodes: readonly MessageNode[]
  /** The slot of each node in `nodes`, by id. */
  readonly slots: ReadonlyMap<string, number>
  /** The first messages of every branch that starts at the top (an edited first message adds one). */
  readonly rootIds: readonly string[]
  /** The root of the active path. */
  readonly activeRootId: string | undefined
}

/** A sibling's place among its siblings: `index` (0-based) of `count`. */
export interface SiblingPosition {
  readonly index: number
  readonly count: number
  /** Every sibling's id, in order (the message's own id included). */
  readonly ids: readonly string[]
}

const CHUNK = 64
type Chunks = readonly (readonly MessageNode[])[]

/** A tree over chunked node storage; `nodes` is flattened once, on demand. */
class ChunkedTree implements MessageTree {
  #flat: readonly MessageNode[] | undefined
  constructor(
    readonly chunks: Chunks,
    readonly size: number,
    readonly slots: ReadonlyMap<string, number>,
    readonly rootIds: readonly string[],
    readonly activeRootId: string | undefined,
  ) {}
  get nodes(): readonly MessageNode[] {
    this.#flat ??= this.chunks.flat()
    return this.#flat
  }
  at(slot: number): MessageNode | undefined {
    return this.chunks[slot >>> 6]?.[slot & (CHUNK - 1)]
  }
}

/** Splits a flat node array into chunks. */
function chunked(nodes: readonly MessageNode[]): MessageNode[][] {
  const chunks: MessageNode[][] = []
  for (let start = 0; start < nodes.length; start += CHUNK) chunks.push(nodes.slice(start, start + CHUNK))
  return chunks
}

/** The chunked form of any tree (trees built here already are). */
function asChunked(tree: MessageTree): ChunkedTree {
  if (tree instanceof ChunkedTree) return tree
  return new ChunkedTree(chunked(tree.nodes), tree.nodes.length, tree.slots, tree.rootIds, tree.activeRootId)
}

/** The same tree with other roots. */
function withRoots(tree: MessageTree, rootIds: readonly string[], activeRootId: string | undefined) {
  const t = asChunked(tree)
  return new ChunkedTree(t.chunks, t.size, t.slots, rootIds, activeRootId)
}

/** A tree with no message. */
export function emptyTree(): MessageTree {
  return new ChunkedTree([], 0, new Map(), [], undefined)
}

/** The node with this id, in O(1). */
export function getNode(tree: MessageTree, id: string): MessageNode | undefined {
  const slot = tree.slots.get(id)
  if (slot === undefined) return undefined
  return tree instanceof ChunkedTree ? tree.at(slot) : tree.nodes[slot]
}

/** The ids of a message and its siblings (the children of its parent, or the roots). */
export function siblingIdsOf(tree: MessageTree, id: string): readonly string[] {
  const node = getNode(tree, id)
  if (!node) return []
  if (node.parentId === null) return tree.rootIds
  return getNode(tree, node.parentId)?.childIds ?? []
}

/** Where a message stands among its siblings ("2 / 3"); `undefined` for an unknown id. */
export function siblingPosition(tree: MessageTree, id: string): SiblingPosition | undefined {
  const ids = siblingIdsOf(tree, id)
  const index = ids.indexOf(id)
  return index < 0 ? undefined : { index, count: ids.length, ids }
}

/** The ids of the active path, from the active root to its leaf. O(depth). */
export function activePathIds(tree: MessageTree): string[] {
  const ids: string[] = []
  let id = tree.activeRootId
  while (id !== undefined) {
    const node = getNode(tree, id)
    if (!node) break
    ids.push(id)
    id = node.activeChildId
  }
  return ids
}

/** The ids from the root down to this message (inclusive). O(depth). */
export function pathTo(tree: MessageTree, id: string): string[] {
  const ids: string[] = []
  let node = getNode(tree, id)
  while (node) {
    ids.push(node.id)
    node = node.parentId === null ? undefined : getNode(tree, node.parentId)
  }
  return ids.reverse()
}

/** Replaces the nodes at these slots, copying only the chunks they sit in; every other node keeps its identity. */
function withNodes(tree: MessageTree, changed: readonly MessageNode[]): MessageTree {
  const t = asChunked(tree)
  const chunks = t.chunks.slice()
  const copied = new Set<number>()
  for (const node of changed) {
    const slot = t.slots.get(node.id)
    if (slot === undefined) throw new Error(`No message ${node.id} in the tree.`)
    const index = slot >>> 6
    if (!copied.has(index)) {
      chunks[index] = (chunks[index] as readonly MessageNode[]).slice()
      copied.add(index)
    }
    ;(chunks[index] as MessageNode[])[slot & (CHUNK - 1)] = node
  }
  return new ChunkedTree(chunks, t.size, t.slots, t.rootIds, t.activeRootId)
}

/** Adds a node at the next slot (copying the last chunk only). */
function withAdded(tree: MessageTree, node: MessageNode): ChunkedTree {
  const t = asChunked(tree)
  const slots = new Map(t.slots)
  slots.set(node.id, t.size)
  const chunks = t.chunks.slice()
  const index = t.size >>> 6
  chunks[index] = [...(chunks[index] ?? []), node]
  return new ChunkedTree(chunks, t.size + 1, slots, t.rootIds, t.activeRootId)
}

/**
 * Adds `message` as the last child of `parentId` (`null`: a new root). With `activate` (the default)
 * the parent's active child becomes the new node, and the parent is made active up to the root.
 */
export function appendChild(
  tree: MessageTree,
  parentId: string | null,
  message: ChatUIMessage,
  activate = true,
): MessageTree {
  if (tree.slots.has(message.id)) throw new Error(`The tree already holds a message ${message.id}.`)
  const parent = parentId === null ? undefined : getNode(tree, parentId)
  if (parentId !== null && !parent) throw new Error(`No message ${parentId} in the tree.`)
  const node: MessageNode = { id: message.id, parentId, childIds: [], activeChildId: undefined, message }
  let next: MessageTree = withAdded(tree, node)
  if (parent) {
    next = withNodes(next, [
      {
        ...parent,
        childIds: [...parent.childIds, node.id],
        activeChildId: activate || parent.activeChildId === undefined ? node.id : parent.activeChildId,
      },
    ])
  } else {
    next = withRoots(
      next,
      [...tree.rootIds, node.id],
      activate || tree.activeRootId === undefined ? node.id : tree.activeRootId,
    )
  }
  return activate && parentId !== null ? selectBranch(next, parentId) : next
}

/** Adds `message` as a sibling of `siblingId` (same parent), active unless `activate` is false. */
export function addSibling(
  tree: MessageTree,
  siblingId: string,
  message: ChatUIMessage,
  activate = true,
): MessageTree {
  const sibling = getNode(tree, siblingId)
  if (!sibling) throw new Error(`No message ${siblingId} in the tree.`)
  return appendChild(tree, sibling.parentId, message, activate)
}

/**
 * Makes this message shown: it becomes its parent's active child, and so on up to the root. Only
 * the nodes whose active child changes get new identities; the rest of the tree is shared.
 */
export function selectBranch(tree: MessageTree, id: string): MessageTree {
  const changed: MessageNode[] = []
  let node = getNode(tree, id)
  if (!node) return tree
  let activeRootId = tree.activeRootId
  while (node) {
    if (node.parentId === null) {
      activeRootId = node.id
      break
    }
    const parent = getNode(tree, node.parentId)
    if (!parent) break
    if (parent.activeChildId !== node.id) changed.push({ ...parent, activeChildId: node.id })
    node = parent
  }
  if (changed.length === 0 && activeRootId === tree.activeRootId) return tree
  const next = changed.length > 0 ? withNodes(tree, changed) : tree
  return activeRootId === next.activeRootId ? next : withRoots(next, next.rootIds, activeRootId)
}

/** Shows the sibling `offset` places away (`-1` previous, `1` next); the same tree when there is none. */
export function switchSibling(tree: MessageTree, id: string, offset: number): MessageTree {
  const position = siblingPosition(tree, id)
  const target = position?.ids[position.index + offset]
  return target === undefined ? tree : selectBranch(tree, target)
}

/** Replaces the messages of existing nodes (same ids); links and every other node are kept. */
export function replaceMessages(tree: MessageTree, messages: readonly ChatUIMessage[]): MessageTree {
  const changed: MessageNode[] = []
  for (const message of messages) {
    const node = getNode(tree, message.id)
    if (!node) throw new Error(`No message ${message.id} in the tree.`)
    if (node.message !== message) changed.push({ ...node, message })
  }
  return changed.length === 0 ? tree : withNodes(tree, changed)
}

/** A tree with one branch: each message follows the one before. */
export function treeFromMessages(messages: readonly ChatUIMessage[]): MessageTree {
  const nodes: MessageNode[] = []
  const slots = new Map<string, number>()
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index] as ChatUIMessage
    if (slots.has(message.id)) throw new Error(`Two messages share the id ${message.id}.`)
    const next = messages[index + 1]
    slots.set(message.id, index)
    nodes.push({
      id: message.id,
      parentId: index === 0 ? null : (messages[index - 1] as ChatUIMessage).id,
      childIds: next ? [next.id] : [],
      activeChildId: next?.id,
      message,
    })
  }
  const first = messages[0]?.id
  return new ChunkedTree(chunked(nodes), nodes.length, slots, first ? [first] : [], first)
}

/** The links of a tree as plain data (what export and persistence write), in slot order. */
export interface MessageTreeData {
  readonly nodes: readonly MessageNode[]
  readonly rootIds: readonly string[]
  readonly activeRootId: string | undefined
}

/**
 * A tree from its plain data, after checking its links: unique ids, parents and children that
 * exist and agree, active children among the children. Throws a message naming the broken link.
 */
export function treeFromData(data: MessageTreeData): MessageTree {
  const slots = new Map<string, number>()
  data.nodes.forEach((node, slot) => {
    if (slots.has(node.id)) throw new Error(`Two messages share the id ${node.id}.`)
    if (node.message.id !== node.id) throw new Error(`Node ${node.id} holds message ${node.message.id}.`)
    slots.set(node.id, slot)
  })
  const tree: MessageTree = new ChunkedTree(
    chunked(data.nodes),
    data.nodes.length,
    slots,
    data.rootIds,
    data.activeRootId,
  )
  for (const node of data.nodes) {
    const siblings = node.parentId === null ? tree.rootIds : getNode(tree, node.parentId)?.childIds
    if (!siblings?.includes(node.id)) throw new Error(`Message ${node.id} is not listed by its parent.`)
    for (const childId of node.childIds) {
      if (getNode(tree, childId)?.parentId !== node.id)
        throw new Error(`Child ${childId} of ${node.id} is not its child.`)
    }
    if (node.activeChildId !== undefined && !node.childIds.includes(node.activeChildId)) {
      throw new Error(`The active child of ${node.id} is not one of its children.`)
    }
  }
  for (const rootId of tree.rootIds) {
    if (getNode(tree, rootId)?.parentId !== null) throw new Error(`Root ${rootId} is not a first message.`)
  }
  if (tree.activeRootId !== undefined && !tree.rootIds.includes(tree.activeRootId)) {
    throw new Error('The active root is not one of the roots.')
  }
  return tree
}

/** The plain data of a tree (nodes in slot order). */
export function treeToData(tree: MessageTree): MessageTreeData {
  return { nodes: tree.nodes, rootIds: tree.rootIds, activeRootId: tree.activeRootId }
}

/**
 * Merges two versions of one conversation by message id (two tabs writing the same thread):
 * every message of either is kept; for a message both hold, `preferred`'s version wins, and a
 * node's children are the union of both (preferred's order first). Active choices are `preferred`'s.
 */
export function mergeTrees(preferred: MessageTree, other: MessageTree): MessageTree {
  let merged = preferred
  let pending = other.nodes.filter((node) => !merged.slots.has(node.id))
  // Parents usually come before children in slot order; repeat for those that do not.
  while (pending.length > 0) {
    const waiting: MessageNode[] = []
    for (const node of pending) {
      if (node.parentId !== null && !merged.slots.has(node.parentId)) waiting.push(node)
      else merged = appendChild(merged, node.parentId, node.message, false)
    }
    if (waiting.length === pending.length) break
    pending = waiting
  }
  return merged
}
