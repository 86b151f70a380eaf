import type { KindlingClient, ListModelsResponse } from '@kindling/client'
import { useModels } from '@kindling/react'
import { useCallback } from 'react'

/**
 * Whether `model` reads images, from the server's model list (`supports_image_input`, as Fireworks
 * and `@kindling/server` list it); `undefined` while unknown: not listed, no such field, list not
 * loaded, or `enabled` false (then nothing is fetched).
 */
export function useModelAcceptsImages(
  client: KindlingClient | undefined,
  model: string,
  enabled: boolean,
): boolean | undefined {
  const select = useCallback(
    (list: ListModelsResponse) => {
      const value = list.data.find((entry) => entry.id === model)?.supports_image_input
      return typeof value === 'boolean' ? value : null
    },
    [model],
  )
  const { data } = useModels({ client, select, enabled })
  return enabled ? (data ?? undefined) : undefined
}
