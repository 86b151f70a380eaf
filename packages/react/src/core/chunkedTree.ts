import type { MessageNode, MessageTree } from './messageTree.ts'

// The storage behind every tree the engine builds. Nodes sit by slot in copy-on-write chunks of 64
// with an id → slot map, rather than nested: a write copies the chunk it touches and the short list
// of chunks (n / 64 pointers), so a branch switch costs the path it changes, not the size of the
// tree. No node but the one written gets a new identity, not even its ancestors, since they refer
// to children by id. The slot map changes only when nodes are added.
//
// Beside the nodes, two chunked columns by slot: each node's depth (fixed once added, since links
// never move), which places a message on the active path in O(1); and the slot of its active child,
// so walking the active path down follows slots instead of looking every id up in the slot map
// (those lookups missed the cache more as the tree grew, and made a switch slower in a bigger tree).

const CHUNK = 64
const NO_CHILD = -1
type Chunks<T> = readonly (readonly T[])[]

/** A tree over chunked node storage; `nodes` is flattened once, on demand. */
export class ChunkedTree implements MessageTree {
  #flat: readonly MessageNode[] | undefined
  constructor(
    readonly chunks: Chunks<MessageNode>,
    /** Each slot's depth (a root is 0). */
    readonly depths: Chunks<number>,
    /** Each slot's active child's slot, or `NO_CHILD`. */
    readonly activeSlots: Chunks<number>,
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
  depthAt(slot: number): number | undefined {
    return this.depths[slot >>> 6]?.[slot & (CHUNK - 1)]
  }
  /** The slot of the active child of the node at `slot`; negative for none. */
  activeSlotAt(slot: number): number {
    return this.activeSlots[slot >>> 6]?.[slot & (CHUNK - 1)] ?? NO_CHILD
  }
}

/** Splits a flat array into chunks. */
function chunked<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += CHUNK) chunks.push(items.slice(start, start + CHUNK))
  return chunks
}

/** The slot of a node's active child, or `NO_CHILD`. */
function activeSlotOf(node: MessageNode, slots: ReadonlyMap<string, number>): number {
  return node.activeChildId === undefined ? NO_CHILD : (slots.get(node.activeChildId) ?? NO_CHILD)
}

/**
 * The depth of every node, by slot, walking up each chain of parents once. Throws when parents
 * form a loop or are missing (a loop hides from every root, so link checks alone miss it).
 */
function depthsOf(nodes: readonly MessageNode[], slots: ReadonlyMap<string, number>): number[] {
  const depths = new Array<number>(nodes.length).fill(-1)
  const chain: number[] = []
  for (let slot = 0; slot < nodes.length; slot++) {
    // Up to the first node whose depth is known (or past a root), then down again numbering.
    let at: number | undefined = slot
    let depth = -1
    while (at !== undefined && (depths[at] as number) < 0) {
      if (chain.length > nodes.length)
        throw new Error(`The parents of message ${nodes[slot]?.id} form a loop.`)
      chain.push(at)
      const parentId: string | null = (nodes[at] as MessageNode).parentId
      if (parentId === null) at = undefined
      else {
        at = slots.get(parentId)
        if (at === undefined) throw new Error(`The parent ${parentId} of a message is missing.`)
      }
    }
    if (at !== undefined) depth = depths[at] as number
    for (let index = chain.length - 1; index >= 0; index--) depths[chain[index] as number] = ++depth
    chain.length = 0
  }
  return depths
}

/** A chunked tree over these nodes (in slot order, `slots` their index by id); O(n). */
export function chunkedTreeOf(
  nodes: readonly MessageNode[],
  slots: ReadonlyMap<string, number>,
  rootIds: readonly string[],
  activeRootId: string | undefined,
): ChunkedTree {
  return new ChunkedTree(
    chunked(nodes),
    chunked(depthsOf(nodes, slots)),
    chunked(nodes.map((node) => activeSlotOf(node, slots))),
    nodes.length,
    slots,
    rootIds,
    activeRootId,
  )
}

/** The chunked form of any tree (trees built here already are). */
export function asChunked(tree: MessageTree): ChunkedTree {
  if (tree instanceof ChunkedTree) return tree
  return chunkedTreeOf(tree.nodes, tree.slots, tree.rootIds, tree.activeRootId)
}

/** The same tree with other roots. */
export function withRoots(
  tree: MessageTree,
  rootIds: readonly string[],
  activeRootId: string | undefined,
): ChunkedTree {
  const t = asChunked(tree)
  return new ChunkedTree(t.chunks, t.depths, t.activeSlots, t.size, t.slots, rootIds, activeRootId)
}

/** Writes `value` at `slot` of a chunk list, copying each chunk the first time it is written. */
function writeSlot<T>(chunks: (readonly T[])[], copied: Set<number>, slot: number, value: T): void {
  const index = slot >>> 6
  if (!copied.has(index)) {
    chunks[index] = (chunks[index] as readonly T[]).slice()
    copied.add(index)
  }
  ;(chunks[index] as T[])[slot & (CHUNK - 1)] = value
}

/** Replaces the nodes at these slots, copying only the chunks they sit in; every other node keeps its identity. */
export function withNodes(tree: MessageTree, changed: readonly MessageNode[]): ChunkedTree {
  const t = asChunked(tree)
  const chunks = t.chunks.slice()
  const copied = new Set<number>()
  let activeSlots: (readonly number[])[] | undefined
  const copiedActive = new Set<number>()
  for (const node of changed) {
    const slot = t.slots.get(node.id)
    if (slot === undefined) throw new Error(`No message ${node.id} in the tree.`)
    if (t.at(slot)?.activeChildId !== node.activeChildId) {
      activeSlots ??= t.activeSlots.slice()
      writeSlot(activeSlots, copiedActive, slot, activeSlotOf(node, t.slots))
    }
    writeSlot(chunks, copied, slot, node)
  }
  return new ChunkedTree(
    chunks,
    t.depths,
    activeSlots ?? t.activeSlots,
    t.size,
    t.slots,
    t.rootIds,
    t.activeRootId,
  )
}

/** Appends `value` at slot `size` of a chunk list (copying the last chunk only). */
function appended<T>(chunks: Chunks<T>, size: number, value: T): Chunks<T> {
  const next = chunks.slice()
  const index = size >>> 6
  next[index] = [...(next[index] ?? []), value]
  return next
}

/** Adds a node at the next slot (copying the last chunk of each column only). */
export function withAdded(tree: MessageTree, node: MessageNode): ChunkedTree {
  const t = asChunked(tree)
  const slots = new Map(t.slots)
  slots.set(node.id, t.size)
  const parentSlot = node.parentId === null ? undefined : t.slots.get(node.parentId)
  const depth = parentSlot === undefined ? 0 : (t.depthAt(parentSlot) as number) + 1
  return new ChunkedTree(
    appended(t.chunks, t.size, node),
    appended(t.depths, t.size, depth),
    appended(t.activeSlots, t.size, activeSlotOf(node, slots)),
    t.size + 1,
    slots,
    t.rootIds,
    t.activeRootId,
  )
}
