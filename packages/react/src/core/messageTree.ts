import type { ChatUIMessage } from './chatMessage.ts'
import { ChunkedTree, chunkedTreeOf, withAdded, withNodes, withRoots } from './chunkedTree.ts'

// The messages of a chat as a tree: every message has a parent (or is a root), edits and
// regenerations add siblings, and each node remembers which child is active, so the conversation
// shown (the active path) is one walk from the active root down. The storage (copy-on-write chunks,
// so a write copies what it touches, not the tree) is in chunkedTree.ts.

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

/** A tree with no message. */
export function emptyTree(): MessageTree {
  return chunkedTreeOf([], new Map(), [], undefined)
}

/** The node with this id, in O(1). */
export function getNode(tree: MessageTree, id: string): MessageNode | undefined {
  const slot = tree.slots.get(id)
  if (slot === undefined) return undefined
  return tree instanceof ChunkedTree ? tree.at(slot) : tree.nodes[slot]
}

/**
 * How many messages come before this one on its path from the root (a root is 0), in O(1); its
 * index in the active path's messages whenever it is on that path. `undefined` for an unknown id.
 */
export function depthOf(tree: MessageTree, id: string): number | undefined {
  const slot = tree.slots.get(id)
  if (slot === undefined) return undefined
  if (tree instanceof ChunkedTree) return tree.depthAt(slot)
  let depth = 0
  for (let node = tree.nodes[slot]; node && node.parentId !== null; node = getNode(tree, node.parentId))
    depth++
  return depth
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
  const root = tree.activeRootId === undefined ? undefined : getNode(tree, tree.activeRootId)
  if (!root) return []
  const ids = [root.id]
  forEachActiveBelow(tree, root.id, (node) => ids.push(node.id))
  return ids
}

/**
 * Calls `visit` with each node of the active path below this message (which is not visited), top
 * down: its active child, that child's active child, and so on. Follows stored slots, not ids.
 */
export function forEachActiveBelow(tree: MessageTree, id: string, visit: (node: MessageNode) => void): void {
  if (tree instanceof ChunkedTree) {
    const start = tree.slots.get(id)
    if (start === undefined) return
    for (let slot = tree.activeSlotAt(start); slot >= 0; slot = tree.activeSlotAt(slot)) {
      visit(tree.at(slot) as MessageNode)
    }
    return
  }
  for (let node = getNode(tree, id); node?.activeChildId !== undefined; ) {
    node = getNode(tree, node.activeChildId)
    if (node) visit(node)
  }
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
  return selectBranchBelow(tree, id, () => false)
}

/**
 * {@link selectBranch} that stops going up at the first message `isShown` (on the active path):
 * everything above it is active already, so a switch deep in a long thread costs the steps from
 * the message to the path, not its depth.
 */
export function selectBranchBelow(
  tree: MessageTree,
  id: string,
  isShown: (id: string) => boolean,
): MessageTree {
  const changed: MessageNode[] = []
  let node = getNode(tree, id)
  if (!node) return tree
  let activeRootId = tree.activeRootId
  while (node && !isShown(node.id)) {
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
  return chunkedTreeOf(nodes, slots, first ? [first] : [], first)
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
  const byId = (id: string) => {
    const slot = slots.get(id)
    return slot === undefined ? undefined : data.nodes[slot]
  }
  for (const node of data.nodes) {
    const siblings = node.parentId === null ? data.rootIds : byId(node.parentId)?.childIds
    if (!siblings?.includes(node.id)) throw new Error(`Message ${node.id} is not listed by its parent.`)
    for (const childId of node.childIds) {
      if (byId(childId)?.parentId !== node.id)
        throw new Error(`Child ${childId} of ${node.id} is not its child.`)
    }
    if (node.activeChildId !== undefined && !node.childIds.includes(node.activeChildId)) {
      throw new Error(`The active child of ${node.id} is not one of its children.`)
    }
  }
  for (const rootId of data.rootIds) {
    if (byId(rootId)?.parentId !== null) throw new Error(`Root ${rootId} is not a first message.`)
  }
  if (data.activeRootId !== undefined && !data.rootIds.includes(data.activeRootId)) {
    throw new Error('The active root is not one of the roots.')
  }
  return chunkedTreeOf(data.nodes, slots, data.rootIds, data.activeRootId)
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
