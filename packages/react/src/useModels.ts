import type { KindlingClient, KindlingError, ListModelsResponse } from '@kindling/client'
import {
  QueryClient,
  QueryClientContext,
  type UseQueryOptions,
  type UseQueryResult,
  useQuery,
} from '@tanstack/react-query'
import { useContext, useState } from 'react'
import type { ChatRegistry } from './core/chatRegistry.ts'
import { useKindlingClient, useNearestKindlingProvider } from './KindlingProvider.tsx'

/** How long a model list stays fresh by default: five minutes (model lists rarely change). */
export const MODELS_STALE_TIME = 5 * 60 * 1000

// Each KindlingProvider's own query client, created by its first useModels (keyed by its registry,
// which lives as long as the provider), so TanStack Query loads only with the hook.
const providerQueryClients = new WeakMap<ChatRegistry, QueryClient>()

function providerQueryClient(registry: ChatRegistry): QueryClient {
  let queryClient = providerQueryClients.get(registry)
  if (!queryClient) {
    queryClient = new QueryClient()
    providerQueryClients.set(registry, queryClient)
  }
  return queryClient
}

/** The query key of a client's model list: `['kindling', 'models', baseURL]`. */
export function modelsQueryKey(
  client: Pick<KindlingClient, 'baseURL'>,
): readonly ['kindling', 'models', string] {
  return ['kindling', 'models', client.baseURL]
}

/** The options of {@link useModels}: any TanStack Query option but the key and the query function. */
export type UseModelsOptions<TData = ListModelsResponse> = Omit<
  UseQueryOptions<ListModelsResponse, KindlingError, TData, readonly ['kindling', 'models', string]>,
  'queryKey' | 'queryFn'
> & {
  /** The client; default the {@link KindlingProvider}'s. */
  client?: KindlingClient | undefined
}

/**
 * The model list (`GET /models`) as a TanStack Query query keyed by the client's base URL, fresh
 * for {@link MODELS_STALE_TIME}. Uses the `KindlingProvider`'s `queryClient`, else the app's
 * `QueryClientProvider`, else one query client per `KindlingProvider` (with no provider at all, one
 * of its own). Every query option can be overridden; `select` shapes the data.
 *
 * @example
 * const { data, isLoading, error, refetch } = useModels({ select: (list) => list.data.map((m) => m.id) })
 */
export function useModels<TData = ListModelsResponse>(
  options: UseModelsOptions<TData> = {},
): UseQueryResult<TData, KindlingError> {
  const { client: own, ...queryOptions } = options
  const client = useKindlingClient(own)
  const kindling = useNearestKindlingProvider()
  const provided = useContext(QueryClientContext)
  const given = kindling?.queryClient ?? provided
  // Without a KindlingProvider or a QueryClientProvider: a query client of this component's own
  // (never a shared global, so server renders of different requests cannot see each other's data).
  const [fallback] = useState(() => (given || kindling ? undefined : new QueryClient()))
  return useQuery(
    {
      staleTime: MODELS_STALE_TIME,
      ...queryOptions,
      queryKey: modelsQueryKey(client),
      queryFn: ({ signal }) => client.models.list({ signal }),
    },
    given ?? (kindling ? providerQueryClient(kindling.registry) : fallback),
  )
}
