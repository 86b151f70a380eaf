import { createLifetimeRegistry, type LifetimeRegistry } from './lifetimeRegistry.ts'
import { createObjectEngine, type ObjectEngine } from './objectEngine.ts'

/** Object completions by id, under the same lifetime rule as chats and completions. */
export interface ObjectRegistry extends Omit<LifetimeRegistry<ObjectEngine>, 'get'> {
  /** The object completion with this id, created if there is none yet. */
  get(id: string): ObjectEngine
}

/** Creates an empty object-completion registry. */
export function createObjectRegistry(): ObjectRegistry {
  const registry = createLifetimeRegistry<ObjectEngine>()
  return { ...registry, get: (id) => registry.get(id, createObjectEngine) }
}
