import {
  APIConnectionError,
  AuthenticationError,
  type KindlingError,
  PermissionDeniedError,
} from '@kindling/client'
import { useModels } from '@kindling/react'
import { Button, Icons } from '@kindling/ui'

/** What to tell a person whose server can't be used, and what to do about it. */
export function describeConnectionProblem(error: KindlingError, baseURL: string): string {
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return `The server at ${baseURL} rejected the API key (${error.status}). Check FIREWORKS_API_KEY where the server runs, or pick a built-in kindling-* model.`
  }
  if (error instanceof APIConnectionError) {
    return `Can't reach the server at ${baseURL}. Start it with \`pnpm dev\`, or fix the base URL in Settings.`
  }
  return `The server at ${baseURL} answered with an error: ${error.message}`
}

/**
 * Completion mode's banner, shown only when the model list can't be loaded (the first thing that
 * fails). Chat mode uses `Chat.ErrorNotice` with the same words.
 */
export function ConnectionNotice({ baseURL }: { baseURL: string }) {
  const models = useModels()
  if (!models.error) return null
  return (
    <div role="alert" className="kindling-chat__error playground-notice">
      <p>{describeConnectionProblem(models.error, baseURL)}</p>
      <Button
        size="sm"
        icon={<Icons.Retry />}
        disabled={models.isFetching}
        onClick={() => void models.refetch()}
      >
        Try again
      </Button>
    </div>
  )
}
