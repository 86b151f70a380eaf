import { depthOf, type MessageTree } from './messageTree.ts'

// Where each message sits on the active path, without a map of its own: a message's index on the
// path is its depth in the tree, which never changes, so "is it on the path, and where" is one
// depth lookup and one comparison with the path's ids. Building the index for a new path is O(1),
// so a branch switch pays for the part of the path that changed, never for a copy of the whole
// index (a Map of the path cost more than the switch itself, and grew with the heap around it).

/** The position of each message of the active path, by id, as a read-only map over the path's ids. */
export class ActivePathIndex implements ReadonlyMap<string, number> {
  readonly #tree: MessageTree
  readonly #ids: readonly string[]
  #map: Map<string, number> | undefined

  /** `ids` must be `tree`'s active path (the messages at depth 0, 1, 2, …). */
  constructor(tree: MessageTree, ids: readonly string[]) {
    this.#tree = tree
    this.#ids = ids
  }

  get size(): number {
    return this.#ids.length
  }

  get(id: string): number | undefined {
    const depth = depthOf(this.#tree, id)
    return depth !== undefined && this.#ids[depth] === id ? depth : undefined
  }

  has(id: string): boolean {
    return this.get(id) !== undefined
  }

  forEach(
    callback: (index: number, id: string, map: ReadonlyMap<string, number>) => void,
    thisArg?: unknown,
  ) {
    this.#ids.forEach((id, index) => {
      callback.call(thisArg, index, id, this)
    })
  }

  // Iteration is rare (debugging, tests): it goes through a real Map, built once.
  #materialized(): Map<string, number> {
    this.#map ??= new Map(this.#ids.map((id, index) => [id, index]))
    return this.#map
  }

  entries(): MapIterator<[string, number]> {
    return this.#materialized().entries()
  }

  keys(): MapIterator<string> {
    return this.#materialized().keys()
  }

  values(): MapIterator<number> {
    return this.#materialized().values()
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries()
  }
}
