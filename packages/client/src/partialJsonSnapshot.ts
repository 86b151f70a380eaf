// Immutable copies of a partial JSON value that is being built in place, for UIs that compare by
// identity (React). A container the parser has closed never changes again, so it is copied once
// and its copy reused by every later snapshot; only the open path is copied each time. A snapshot
// costs the width of the open containers, not the size of the value.

/** Copies the value so far, given the containers still open (root first). */
export type PartialSnapshotter = (value: unknown, open: readonly object[]) => unknown

// `__proto__` as an assignment would set the prototype of the copy; keep it an own key.
function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true })
  } else object[key] = value
}

/** Creates a snapshotter whose copies of finished containers are shared between snapshots. */
export function createPartialSnapshotter(): PartialSnapshotter {
  const finished = new WeakMap<object, unknown>()
  const copy = (value: unknown, open: readonly object[]): unknown => {
    if (typeof value !== 'object' || value === null) return value
    const isOpen = open.includes(value)
    if (!isOpen) {
      const done = finished.get(value)
      if (done !== undefined) return done
    }
    let out: unknown
    if (Array.isArray(value)) {
      const items = new Array<unknown>(value.length)
      for (let index = 0; index < value.length; index++) items[index] = copy(value[index], open)
      out = items
    } else {
      const members: Record<string, unknown> = {}
      const source = value as Record<string, unknown>
      for (const key of Object.keys(source)) setKey(members, key, copy(source[key], open))
      out = members
    }
    if (!isOpen) finished.set(value, out)
    return out
  }
  return copy
}
