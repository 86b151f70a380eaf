// An immutable list that grows at its end and shares everything older with earlier versions:
// appending costs O(1) whatever the length, so accumulating a stream costs O(delta) per chunk and
// every earlier accumulator state stays valid. Text is joined only when read, and incrementally.

/** An immutable list of pieces, newest last. `undefined` is the empty list. */
export interface Pieces<T> {
  /** The newest piece. */
  readonly last: T
  /** Every older piece, shared with the list this one was appended to. */
  readonly previous: Pieces<T> | undefined
  /** How many pieces the list holds. */
  readonly count: number
}

/** A new list with `item` after the pieces of `list` (which is left unchanged). O(1). */
export function appendPiece<T>(list: Pieces<T> | undefined, item: T): Pieces<T> {
  return { last: item, previous: list, count: list === undefined ? 1 : list.count + 1 }
}

/** The pieces of `list`, oldest first. O(count). */
export function piecesToArray<T>(list: Pieces<T> | undefined): T[] {
  if (list === undefined) return []
  const out = new Array<T>(list.count)
  let index = list.count - 1
  for (let node: Pieces<T> | undefined = list; node !== undefined; node = node.previous)
    out[index--] = node.last
  return out
}

// The text of the most recently joined list, so the next join only adds what came since. Only the
// newest join of a chain is kept, so memory stays O(text) rather than O(text × reads).
const joined = new WeakMap<Pieces<string>, string>()

/**
 * The pieces of a text list joined into one string. Memoized: reading after every few chunks
 * costs time proportional to what was appended since the previous read.
 */
export function joinPieces(list: Pieces<string> | undefined): string {
  if (list === undefined) return ''
  const cached = joined.get(list)
  if (cached !== undefined) return cached
  const newer: string[] = []
  let base = ''
  for (let node: Pieces<string> | undefined = list; node !== undefined; node = node.previous) {
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
  joined.set(list, text)
  return text
}
