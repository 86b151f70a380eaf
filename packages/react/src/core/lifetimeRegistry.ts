// The one lifetime rule for chats and completions: engines by id, shared by every consumer of the
// id; counted consumers; when the last one leaves (and does not come back within the current
// task's microtasks, as StrictMode's simulated unmount does) the request in progress is stopped,
// and an engine whose id was generated is forgotten.

/** What the registry needs of an engine. */
export interface Stoppable {
  /** Stops the request in progress, keeping what arrived. */
  stop(): void
  /** Stops and ignores every later call. */
  dispose(): void
}

/** How a consumer holds an engine. */
export interface RetainOptions {
  /** Forget the engine (not only stop it) when its last consumer leaves: for generated ids. */
  forgetWhenUnused?: boolean | undefined
}

/** Engines by id, with counted consumers. */
export interface LifetimeRegistry<E extends Stoppable> {
  /** The engine with this id, made by `create` if there is none yet. */
  get(id: string, create: () => E): E
  /** The engine with this id, if there is one. */
  peek(id: string): E | undefined
  /** Counts a consumer of `id` until the returned function is called (see the rule above). */
  retain(id: string, options?: RetainOptions): () => void
  /** How many consumers hold the engine. */
  consumers(id: string): number
  /** Disposes of the engine and forgets it. */
  delete(id: string): void
}

/** Creates an empty registry. */
export function createLifetimeRegistry<E extends Stoppable>(): LifetimeRegistry<E> {
  const engines = new Map<string, E>()
  const counts = new Map<string, number>()

  function remove(id: string) {
    engines.get(id)?.dispose()
    engines.delete(id)
    counts.delete(id)
  }

  return {
    get(id, create) {
      let engine = engines.get(id)
      if (engine === undefined) {
        engine = create()
        engines.set(id, engine)
      }
      return engine
    },
    peek: (id) => engines.get(id),
    retain(id, options = {}) {
      counts.set(id, (counts.get(id) ?? 0) + 1)
      let released = false
      return () => {
        if (released) return
        released = true
        const left = (counts.get(id) ?? 1) - 1
        counts.set(id, left)
        if (left > 0) return
        queueMicrotask(() => {
          if ((counts.get(id) ?? 0) > 0) return
          if (options.forgetWhenUnused) remove(id)
          else engines.get(id)?.stop()
        })
      }
    },
    consumers: (id) => counts.get(id) ?? 0,
    delete: remove,
  }
}
