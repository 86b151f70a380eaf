/**
 * Counts what each client holds open (forwarded upstream requests) against a per-client cap.
 * `acquire` gives the release function, or `undefined` when the client is at the cap.
 */
export interface ClientSlots {
  acquire(client: string): (() => void) | undefined
  /** How many the client holds now. */
  held(client: string): number
}

/** Creates {@link ClientSlots} with `limit` per client; `0` means no limit. */
export function createClientSlots(limit: number): ClientSlots {
  const open = new Map<string, number>()
  return {
    acquire(client) {
      const count = open.get(client) ?? 0
      if (limit > 0 && count >= limit) return undefined
      open.set(client, count + 1)
      let released = false
      return () => {
        if (released) return
        released = true
        const left = (open.get(client) ?? 1) - 1
        // Forget idle clients so the map stays as small as the set of clients with open requests.
        if (left === 0) open.delete(client)
        else open.set(client, left)
      }
    },
    held: (client) => open.get(client) ?? 0,
  }
}
