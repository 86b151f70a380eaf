import type { KindlingClient, KindlingError, ListModelsResponse } from '@kindling/client'
import {
  QueryClient,
  QueryClientContext,
  type UseQueryOptions,
  type UseQueryResult,
  useQuery,
} from '@tanstack/react-query'
import { useContext, useState } from 'react'
import { useKindlingClient } from './KindlingProvider.tsx'

/** How long a model list stays fresh by default: five minutes (model lists rarely change). */
export const MODELS_STALE_TIME = 5 * 60 * 1000

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
 * for {@link MODELS_STALE_TIME}. Uses the app's `QueryClientProvider` or the `KindlingProvider`'s
 * query client (with neither, one of its own). Every query option can be overridden; `select`
 * shapes the data.
 *
 * @example
 * const { data, isLoading, error, refetch } = useModels({ select: (list) => list.data.map((m) => m.id) })
 */
export function useModels<TData = ListModelsResponse>(
  options: UseModelsOptions<TData> = {},
): UseQueryResult<TData, KindlingError> {
  const { client: own, ...queryOptions } = options
  const client = useKindlingClient(own)
  const provided = useContext(QueryClientContext)
  // Only without any provider: a query client of this component's own (never a shared global, so
  // server renders of different requests cannot see each other's data).
  const [fallback] = useState(() => (provided ? undefined : new QueryClient()))
  return useQuery(
    {
      staleTime: MODELS_STALE_TIME,
      ...queryOptions,
      queryKey: modelsQueryKey(client),
      queryFn: ({ signal }) => client.models.list({ signal }),
    },
    provided ?? fallback,
  )
}
