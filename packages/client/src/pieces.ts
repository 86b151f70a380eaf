// An immutable list that grows at its end and shares everything older with earlier versions:
// appending costs O(1) whatever the length, so accumulating a stream costs O(delta) per chunk and
// every earlier accumulator state stays valid. Text is joined only when read, and incrementally.

declare const accumulated: unique symbol

/**
 * What a stream accumulated for one field (text fragments, log probabilities), oldest first.
 * Opaque: read it with {@link joinPieces} (text) or {@link piecesToArray}. `undefined` is empty.
 */
export interface Accumulated<T> {
  readonly [accumulated]: T
}

/** The list behind an {@link Accumulated}: one node per piece. */
interface Node<T> {
  /** The newest piece. */
  readonly last: T
  /** Every older piece, shared with the list this one was appended to. */
  readonly previous: Node<T> | undefined
  /** How many pieces the list holds. */
  readonly count: number
}

const nodeOf = <T>(list: Accumulated<T> | undefined) => list as unknown as Node<T> | undefined

/** A new list with `item` after the pieces of `list` (which is left unchanged). O(1). */
export function appendPiece<T>(list: Accumulated<T> | undefined, item: T): Accumulated<T> {
  const previous = nodeOf(list)
  const node: Node<T> = { last: item, previous, count: previous === undefined ? 1 : previous.count + 1 }
  return node as unknown as Accumulated<T>
}

/** How many pieces `list` holds. O(1). */
export function pieceCount(list: Accumulated<unknown> | undefined): number {
  return nodeOf(list)?.count ?? 0
}

/** The pieces of `list`, oldest first. O(count). */
export function piecesToArray<T>(list: Accumulated<T> | undefined): T[] {
  const head = nodeOf(list)
  if (head === undefined) return []
  const out = new Array<T>(head.count)
  let index = head.count - 1
  for (let node: Node<T> | undefined = head; node !== undefined; node = node.previous)
    out[index--] = node.last
  return out
}

// The text of the most recently joined list, so the next join only adds what came since. Only the
// newest join of a chain is kept, so memory stays O(text) rather than O(text × reads).
const joined = new WeakMap<Node<string>, string>()

/**
 * The pieces of a text list joined into one string. Memoized: reading after every few chunks
 * costs time proportional to what was appended since the previous read.
 */
export function joinPieces(list: Accumulated<string> | undefined): string {
  const head = nodeOf(list)
  if (head === undefined) return ''
  const cached = joined.get(head)
  if (cached !== undefined) return cached
  const newer: string[] = []
  let base = ''
  for (let node: Node<string> | undefined = head; node !== undefined; node = node.previous) {
    const known = joined.get(node)
    if (known !== undefined) {
      base = known
      joined.delete(node)
      break
    }
    newer.push(node.last)
  }
  // One flat string for what is new (join), not one rope node per piece (+=): a long reply read
  // at the end would otherwise hold a million rope nodes next to its pieces.
  const text = base + newer.reverse().join('')
  joined.set(head, text)
  return text
}
