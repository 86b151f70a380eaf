import type { KindlingClient } from '@kindling/client'
import type { QueryClient } from '@tanstack/react-query'
import { createContext, type ReactNode, useContext, useState } from 'react'
import {
  type ChatRegistry,
  type CompletionRegistry,
  createChatRegistry,
  createCompletionRegistry,
} from './core/chatRegistry.ts'
import type { ThreadStore } from './core/threadStore.ts'

/** What {@link KindlingProvider} gives the hooks below it. */
export interface KindlingContextValue {
  readonly client: KindlingClient | undefined
  /** The chats of this provider, by id. */
  readonly registry: ChatRegistry
  /** The text completions of this provider, by id. */
  readonly completions: CompletionRegistry
  /** The thread list given to the provider, if any (its chats are `registry`). */
  readonly threads: ThreadStore | undefined
  /** The `queryClient` given to the provider, if any (see `useModels`). */
  readonly queryClient?: QueryClient | undefined
}

// Without a provider, chats live in one registry for the page. It is created on first use, never
// at import.
let pageRegistry: ChatRegistry | undefined
let pageCompletions: CompletionRegistry | undefined

/** The registry used by hooks that have no {@link KindlingProvider} above them. */
export function getDefaultChatRegistry(): ChatRegistry {
  pageRegistry ??= createChatRegistry()
  return pageRegistry
}

/** The completions of hooks that have no {@link KindlingProvider} above them. */
export function getDefaultCompletionRegistry(): CompletionRegistry {
  pageCompletions ??= createCompletionRegistry()
  return pageCompletions
}

const KindlingContext = createContext<KindlingContextValue | undefined>(undefined)

/** The props of {@link KindlingProvider}. */
export interface KindlingProviderProps {
  /** The client every hook below uses unless given its own. */
  client: KindlingClient
  /**
   * The TanStack Query client for `useModels`. Default: the app's `QueryClientProvider` if there is
   * one above, else a client of this provider's own, created by the first `useModels` (so an app
   * that never lists models never loads TanStack Query).
   */
  queryClient?: QueryClient | undefined
  /**
   * A thread list (`createThreadStore` from `@kindling/react/core`): `useThreads` reads it, and a
   * thread's chat is the chat of the same id for every hook below. Read once, on mount.
   */
  threads?: ThreadStore | undefined
  children?: ReactNode
}

/**
 * Supplies a client (and the chats' registry) to the hooks below. `useModels` below it uses the
 * app's TanStack Query client when there is a `QueryClientProvider` above, otherwise one of this
 * provider's own. Safe to render on the server: nothing touches `window`.
 *
 * @example
 * const client = createClient({ baseURL: '/v1' })
 * root.render(
 *   <KindlingProvider client={client}>
 *     <App />
 *   </KindlingProvider>,
 * )
 */
export function KindlingProvider({
  client,
  queryClient,
  threads,
  children,
}: KindlingProviderProps): ReactNode {
  const [registry] = useState(() => threads?.registry ?? createChatRegistry())
  const [completions] = useState(createCompletionRegistry)
  const [value, setValue] = useState<KindlingContextValue>(() => ({
    client,
    registry,
    completions,
    threads,
    queryClient,
  }))
  // New props give a new context value (and so re-render consumers) only when they change.
  if (value.client !== client || value.queryClient !== queryClient)
    setValue({ ...value, client, queryClient })
  return <KindlingContext.Provider value={value}>{children}</KindlingContext.Provider>
}

/** The nearest {@link KindlingProvider}'s value, `undefined` without one (internal). */
export function useNearestKindlingProvider(): KindlingContextValue | undefined {
  return useContext(KindlingContext)
}

/** The nearest {@link KindlingProvider}'s value, or the page's registry and no client. */
export function useKindlingContext(): KindlingContextValue {
  const context = useContext(KindlingContext)
  return (
    context ?? {
      client: undefined,
      registry: getDefaultChatRegistry(),
      completions: getDefaultCompletionRegistry(),
      threads: undefined,
    }
  )
}

/**
 * The client a hook should use: `own` if given, else the provider's. Throws a message saying what
 * to do when there is neither.
 */
export function useKindlingClient(own?: KindlingClient): KindlingClient
/** With `optional`, `undefined` instead of throwing when there is no client. */
export function useKindlingClient(
  own: KindlingClient | undefined,
  optional: boolean,
): KindlingClient | undefined
export function useKindlingClient(own?: KindlingClient, optional = false): KindlingClient | undefined {
  const context = useContext(KindlingContext)
  const client = own ?? context?.client
  if (!client && !optional) {
    throw new Error(
      'No Kindling client: wrap your app in <KindlingProvider client={createClient(…)}> or pass `client` to the hook.',
    )
  }
  return client
}
