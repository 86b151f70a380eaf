// Where `send_email` keeps the emails it pretends to send: this tab's sessionStorage, one entry per
// run. It shows what an approval did and how often the tool ran (the e2e tests count it across a
// reload and two tabs); nothing leaves the page, and closing the tab forgets it.

/** The sessionStorage key of the pretended outbox. */
export const OUTBOX_KEY = 'kindling-playground-outbox'

/** One pretended email: the call that sent it and what it said. */
export interface OutboxEntry {
  toolCallId: string
  to: string
  subject: string
  at: string
}

function tabStorage(): Storage | undefined {
  return typeof sessionStorage === 'undefined' ? undefined : sessionStorage
}

/** The pretended emails of this tab, oldest first (an unreadable record counts as none). */
export function readOutbox(storage: Storage | undefined = tabStorage()): OutboxEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(OUTBOX_KEY) ?? '[]')
    return Array.isArray(parsed) ? (parsed as OutboxEntry[]) : []
  } catch {
    return []
  }
}

/** Adds a pretended email to this tab's outbox; without storage (or room) it is only not recorded. */
export function recordInOutbox(entry: OutboxEntry, storage: Storage | undefined = tabStorage()): void {
  try {
    storage?.setItem(OUTBOX_KEY, JSON.stringify([...readOutbox(storage), entry]))
  } catch {
    // Full or blocked storage: the pretend send still answers; the record is a convenience.
  }
}
