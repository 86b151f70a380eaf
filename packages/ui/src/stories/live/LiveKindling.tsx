import { type ClientOptions, createClient, type KindlingClient } from '@kindling/client'
import { KindlingProvider } from '@kindling/react'
import { type ReactNode, useEffect, useMemo, useState } from 'react'
import { createReplayFetch } from './replayFetch.ts'

/** Where the live stories' requests go: a server that answered, or the in-browser replay. */
export type LiveMode = 'live' | 'replay'

const probes = new Map<string, Promise<boolean>>()

/** Whether `baseURL` answers `GET /models` with JSON (once per base URL per page). */
function probe(baseURL: string): Promise<boolean> {
  let answer = probes.get(baseURL)
  if (!answer) {
    answer = fetch(`${baseURL}/models`, { signal: AbortSignal.timeout(4000) })
      .then(
        async (response) =>
          response.ok && Array.isArray(((await response.json()) as { data?: unknown }).data),
      )
      .catch(() => false)
    probes.set(baseURL, answer)
  }
  return answer
}

/** Props of {@link LiveKindling}. */
export interface LiveKindlingProps {
  /** Default `/v1`: the embedded server Storybook serves (see `.storybook/kindlingServerPlugin.ts`). */
  baseURL?: string | undefined
  /** Extra client options (`headers` such as `x-kindling-delay`, `maxRetries`). */
  clientOptions?: Omit<ClientOptions, 'baseURL' | 'fetch'> | undefined
  /** Wraps the client's fetch (the network's, or the replay's), e.g. to add a fault to one request. */
  wrapFetch?: ((fetch: typeof globalThis.fetch) => typeof globalThis.fetch) | undefined
  /** Put the client in a `KindlingProvider` (default), or only hand it to `children`. */
  provider?: boolean | undefined
  children: (client: KindlingClient, mode: LiveMode) => ReactNode
}

/**
 * Connects a story to a live server: probes `baseURL`, and when nothing answers (the static
 * `build-storybook` output has no server) swaps in a replay of streams recorded from
 * `@kindling/server`. Says which of the two it is, visibly, above the story.
 */
export function LiveKindling({
  baseURL = '/v1',
  clientOptions,
  wrapFetch,
  provider = true,
  children,
}: LiveKindlingProps) {
  const [mode, setMode] = useState<LiveMode | undefined>(undefined)
  useEffect(() => {
    let current = true
    setMode(undefined)
    probe(baseURL).then((ok) => current && setMode(ok ? 'live' : 'replay'))
    return () => {
      current = false
    }
  }, [baseURL])
  // biome-ignore lint/correctness/useExhaustiveDependencies: the options are a story's constant
  const client = useMemo(() => {
    if (!mode) return undefined
    const base: typeof fetch =
      mode === 'replay' ? createReplayFetch() : (input, init) => globalThis.fetch(input, init)
    return createClient({
      apiKey: null,
      ...clientOptions,
      baseURL,
      fetch: wrapFetch ? wrapFetch(base) : base,
    })
  }, [mode, baseURL])
  if (!client || !mode) return <p className="kindling-live-notice">Connecting to {baseURL}…</p>
  const content = children(client, mode)
  return (
    <div className="kindling-live" data-live-mode={mode} style={{ display: 'contents' }}>
      <LiveNotice mode={mode} baseURL={baseURL} />
      {provider ? <KindlingProvider client={client}>{content}</KindlingProvider> : content}
    </div>
  )
}

/** The label above a live story: live server or recorded replay. */
export function LiveNotice({ mode, baseURL }: { mode: LiveMode; baseURL: string }) {
  return (
    <p
      className="kindling-live-notice"
      data-live-mode={mode}
      style={{
        margin: '0 0 0.75rem',
        padding: '0.25rem 0.5rem',
        borderLeft: `4px solid ${mode === 'live' ? '#116329' : '#953800'}`,
        color: 'var(--kindling-fg)',
        fontFamily: 'var(--kindling-font)',
        fontSize: '0.8125rem',
      }}
    >
      {mode === 'live' ? (
        <>
          <strong>Live</strong>: streaming from the server at <code>{baseURL}</code>.
        </>
      ) : (
        <>
          <strong>Replay (offline)</strong>: no server answered at <code>{baseURL}/models</code>, so responses
          recorded from <code>@kindling/server</code> are replayed in the browser (the text does not follow
          what you type). Run <code>pnpm storybook</code> for the live server.
        </>
      )}
    </p>
  )
}
