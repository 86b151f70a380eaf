import type { KindlingClient, ListModelsResponse, Model } from '@kindling/client'
import { type UseModelsOptions, useModels } from '@kindling/react'
import { useMemo } from 'react'
import { ModelPicker, type ModelPickerProps } from './ModelPicker.tsx'

/** Props of {@link ConnectedModelPicker}: a {@link ModelPicker} whose list comes from `GET /models`. */
export interface ConnectedModelPickerProps
  extends Omit<ModelPickerProps, 'models' | 'isLoading' | 'error' | 'onRetry'> {
  /** The client to ask; default the `KindlingProvider`'s. */
  client?: KindlingClient | undefined
  /** Keep only the models this returns true for (e.g. chat models only). Keep it stable. */
  filter?: ((model: Model) => boolean) | undefined
  /** TanStack Query options for the model list (`retry`, `staleTime`, `enabled`, …). */
  queryOptions?: Omit<UseModelsOptions<readonly Model[]>, 'client' | 'select'> | undefined
  /**
   * Show why the list failed, with a Retry, under the picker. Default true; false where one
   * banner already reports the connection (as `Chat.ErrorNotice` does in `Chat`), so one failure
   * shows one message.
   */
  showError?: boolean | undefined
}

const dataOf = (list: ListModelsResponse): readonly Model[] => list.data

/**
 * A {@link ModelPicker} wired to `useModels`: fetches the model list (cached per base URL), shows
 * loading and errors, and retries on request. Everything else (filter field, labels) is
 * `ModelPicker`'s.
 *
 * @example
 * <ConnectedModelPicker value={model} onChange={setModel} />
 */
export function ConnectedModelPicker({
  client,
  filter,
  queryOptions,
  showError = true,
  ...props
}: ConnectedModelPickerProps) {
  const { data, isLoading, error, refetch, isRefetching } = useModels({
    ...queryOptions,
    client,
    select: dataOf,
  })
  const models = useMemo(() => (data && filter ? data.filter(filter) : data), [data, filter])
  return (
    <ModelPicker
      {...props}
      models={models}
      isLoading={isLoading || (isRefetching && Boolean(error))}
      error={showError ? error : undefined}
      onRetry={() => void refetch()}
    />
  )
}
