import { type ChatEngine, type ChatEngineOptions, createChatEngine } from './chatEngine.ts'
import { type CompletionEngine, createCompletionEngine } from './completionEngine.ts'
import { createLifetimeRegistry, type LifetimeRegistry } from './lifetimeRegistry.ts'

/** Chats by id, under the one lifetime rule. */
export interface ChatRegistry extends Omit<LifetimeRegistry<ChatEngine>, 'get'> {
  /** The chat with this id, created with `options` if there is none yet (later options are ignored). */
  get(id: string, options?: ChatEngineOptions): ChatEngine
}

/** Completions by id, under the same lifetime rule as chats. */
export interface CompletionRegistry extends Omit<LifetimeRegistry<CompletionEngine>, 'get'> {
  /** The completion with this id, created if there is none yet. */
  get(id: string): CompletionEngine
}

/** Creates an empty chat registry. */
export function createChatRegistry(): ChatRegistry {
  const registry = createLifetimeRegistry<ChatEngine>()
  return { ...registry, get: (id, options) => registry.get(id, () => createChatEngine(options)) }
}

/** Creates an empty completion registry. */
export function createCompletionRegistry(): CompletionRegistry {
  const registry = createLifetimeRegistry<CompletionEngine>()
  return { ...registry, get: (id) => registry.get(id, createCompletionEngine) }
}
