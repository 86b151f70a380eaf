import type { MessageTree } from './messageTree.ts'

// Which tab runs the tool calls of an answer: the one holding that answer's lock (Web Locks,
// `ifAvailable`, held until its calls ended and their results are stored). Another tab that gets
// an approval, a denial or a UI result for one of those calls posts it to the owner over a
// BroadcastChannel instead of running anything. Where Web Locks or BroadcastChannel are missing
// (Node, old browsers), an in-process lock table and message bus stand in: engines of one process
// still never run a call twice; separate processes are then not coordinated.

/** An action on a tool call, sent to the tab that runs it. */
export interface ToolCallAction {
  readonly messageId: string
  readonly toolCallId: string
  readonly kind: 'approve' | 'deny' | 'result'
  readonly result?: unknown
}

/** How an engine coordinates its tool calls with other tabs on the same thread. */
export interface ToolCallSync {
  /** Takes the ownership of an answer's calls: a release function, or `undefined` when another tab holds it. */
  own(messageId: string): Promise<(() => void) | undefined>
  /** The thread as stored now (another tab may have changed it), or `undefined` when it is not stored. */
  load(): Promise<MessageTree | undefined>
  /** Resolves once every change settled so far is stored. */
  flush(): Promise<unknown>
  /** Posts an action to the tab that owns its answer. */
  post(action: ToolCallAction): void
  /** Hears the actions other tabs post on this thread. */
  listen(listener: (action: ToolCallAction) => void): () => void
  /** Releases every lock held through this sync and stops listening. */
  close(): void
}

interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable: boolean },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown>
}

const heldHere = new Set<string>()

/** The page's Web Locks, when it has them. */
function webLocks(): LockManagerLike | undefined {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks
  return typeof locks?.request === 'function' ? locks : undefined
}

/** Takes the lock `name` if no one holds it: its release function, else `undefined`. */
export function tryLock(name: string): Promise<(() => void) | undefined> {
  const locks = webLocks()
  if (!locks) {
    if (heldHere.has(name)) return Promise.resolve(undefined)
    heldHere.add(name)
    let released = false
    return Promise.resolve(() => {
      if (released) return
      released = true
      heldHere.delete(name)
    })
  }
  return new Promise((resolve, reject) => {
    locks
      .request(name, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(undefined)
          return Promise.resolve()
        }
        // The lock is held until this promise settles: until release() is called.
        return new Promise<void>((release) => resolve(release))
      })
      .catch(reject)
  })
}

type Listener = (data: unknown) => void
const busHere = new Map<string, Set<Listener>>()

/** A channel to the other tabs of this origin: BroadcastChannel, else an in-process bus. */
export function openChannel(name: string): {
  post(data: unknown): void
  listen(listener: Listener): () => void
  close(): void
} {
  if (typeof BroadcastChannel === 'function') {
    let channel: BroadcastChannel | undefined
    const listeners = new Set<Listener>()
    const open = () => {
      if (channel) return channel
      channel = new BroadcastChannel(name)
      channel.onmessage = (event) => {
        for (const listener of listeners) listener(event.data)
      }
      // Node: a channel must not keep the process alive.
      ;(channel as { unref?: () => void }).unref?.()
      return channel
    }
    return {
      post: (data) => open().postMessage(data),
      listen(listener) {
        open()
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      close() {
        listeners.clear()
        channel?.close()
        channel = undefined
      },
    }
  }
  const own = new Set<Listener>()
  return {
    post(data) {
      // Delivered later and to the others only, as a BroadcastChannel does.
      for (const listener of busHere.get(name) ?? []) {
        if (!own.has(listener)) queueMicrotask(() => listener(data))
      }
    },
    listen(listener) {
      const set = busHere.get(name) ?? new Set<Listener>()
      busHere.set(name, set)
      set.add(listener)
      own.add(listener)
      return () => {
        set.delete(listener)
        own.delete(listener)
      }
    },
    close() {
      for (const listener of own) busHere.get(name)?.delete(listener)
      own.clear()
    },
  }
}

const isAction = (data: unknown): data is ToolCallAction & { scope: string } => {
  const action = data as Partial<ToolCallAction & { scope: string }> | null
  return (
    typeof action?.scope === 'string' &&
    typeof action.messageId === 'string' &&
    typeof action.toolCallId === 'string' &&
    (action.kind === 'approve' || action.kind === 'deny' || action.kind === 'result')
  )
}

/**
 * The tool-call coordination of one stored thread: locks named after the thread and answer, actions
 * on one channel. `load` and `flush` come from the thread's persistence.
 */
export function createToolCallSync(options: {
  /** The thread's id (locks and actions are per thread). */
  scope: string
  load(): Promise<MessageTree | undefined>
  flush(): Promise<unknown>
}): ToolCallSync {
  const { scope } = options
  const channel = openChannel('kindling:tool-calls')
  const held = new Set<() => void>()
  return {
    async own(messageId) {
      const release = await tryLock(`kindling:tool-calls:${scope}:${messageId}`)
      if (!release) return undefined
      const once = () => {
        held.delete(once)
        release()
      }
      held.add(once)
      return once
    },
    load: options.load,
    flush: options.flush,
    post: (action) => channel.post({ scope, ...action }),
    listen: (listener) =>
      channel.listen((data) => {
        if (!isAction(data) || data.scope !== scope) return
        const { scope: _scope, ...action } = data
        listener(action)
      }),
    close() {
      for (const release of [...held]) release()
      channel.close()
    },
  }
}
