import type { KindlingClient } from '@kindling/client'
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query'
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
   * one above, else a client of this provider's own.
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
 * Supplies a client (and the chats' registry) to the hooks below. Uses the app's TanStack Query
 * client when there is a `QueryClientProvider` above, otherwise brings its own. Safe to render on the
 * server: nothing touches `window`.
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
  const outerQueryClient = useContext(QueryClientContext)
  const [registry] = useState(() => threads?.registry ?? createChatRegistry())
  const [completions] = useState(createCompletionRegistry)
  const [ownQueryClient] = useState(() => (queryClient || outerQueryClient ? undefined : new QueryClient()))
  const [value, setValue] = useState<KindlingContextValue>(() => ({ client, registry, completions, threads }))
  // A new client prop gives a new context value (and so re-renders consumers) only when it changes.
  if (value.client !== client) setValue({ ...value, client })
  const tree = <KindlingContext.Provider value={value}>{children}</KindlingContext.Provider>
  const chosen = queryClient ?? (outerQueryClient ? undefined : ownQueryClient)
  return chosen ? <QueryClientProvider client={chosen}>{tree}</QueryClientProvider> : tree
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
