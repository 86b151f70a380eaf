import { AuthenticationError, createClient } from '@kindling/client'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { KindlingProvider } from '../KindlingProvider.tsx'
import { useChatCompletion } from '../useChatCompletion.ts'
import { modelsQueryKey, useModels } from '../useModels.ts'
import { faultHeaders, startPeer } from './peer.ts'

const peer = startPeer()

function Page() {
  const models = useModels()
  const chat = useChatCompletion({
    model: 'kindling-echo',
    id: 'ssr',
    initialMessages: [{ role: 'system', content: 'hello from the server' }],
  })
  return (
    <p>
      {models.isLoading ? 'loading' : 'ready'}:{chat.messages[0]?.content}
    </p>
  )
}

describe('useModels', () => {
  it('is loading, then lists the server models', async () => {
    const client = peer.client()
    const { result } = renderHook(() => useModels(), {
      wrapper: ({ children }) => <KindlingProvider client={client}>{children}</KindlingProvider>,
    })
    expect(result.current.isLoading).toBe(true)
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data?.data.map((model) => model.id)).toEqual([
      'kindling-echo',
      'kindling-text',
      'kindling-tools',
      'kindling-reasoning',
      'kindling-vision',
    ])
  })

  it('reports a typed error, and refetch() recovers', async () => {
    let failing = true
    const client = createClient({
      baseURL: `${peer.server.url}/v1`,
      apiKey: null,
      maxRetries: 0,
      logLevel: 'off',
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...(init?.headers as object), ...(failing ? faultHeaders('401') : {}) },
        }),
    })
    const { result } = renderHook(() => useModels({ retry: false, client }), {
      wrapper: ({ children }) => <KindlingProvider client={client}>{children}</KindlingProvider>,
    })
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error).toBeInstanceOf(AuthenticationError)
    failing = false
    void result.current.refetch()
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data?.data).toHaveLength(5)
  })

  it('works with a client and no provider at all', async () => {
    const { result } = renderHook(() => useModels({ client: peer.client() }))
    await waitFor(() => expect(result.current.data?.data).toHaveLength(5))
  })

  it("uses the app's QueryClientProvider, keyed by base URL, with overridable options", async () => {
    const queryClient = new QueryClient()
    const client = peer.client()
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <KindlingProvider client={client}>{children}</KindlingProvider>
      </QueryClientProvider>
    )
    const { result } = renderHook(() => useModels({ select: (list) => list.data.map((model) => model.id) }), {
      wrapper,
    })
    await waitFor(() => expect(result.current.data).toContain('kindling-echo'))
    const cached = queryClient.getQueryState(modelsQueryKey(client))
    expect(cached?.status).toBe('success')
    expect(modelsQueryKey(client)).toEqual(['kindling', 'models', `${peer.server.url}/v1`])
  })

  it('shares one query client per KindlingProvider, or uses the one it is given', async () => {
    let listed = 0
    // Real requests to the peer, counted.
    const counting: typeof fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/models')) listed += 1
      return fetch(input, init)
    }
    const client = peer.client({ fetch: counting })
    const { result } = renderHook(
      () => [useModels(), useModels({ select: (list) => list.data.length })] as const,
      {
        wrapper: ({ children }) => <KindlingProvider client={client}>{children}</KindlingProvider>,
      },
    )
    await waitFor(() => expect(result.current[1].data).toBe(5))
    expect(result.current[0].data?.data).toHaveLength(5)
    expect(listed).toBe(1)

    const queryClient = new QueryClient()
    const given = renderHook(() => useModels(), {
      wrapper: ({ children }) => (
        <KindlingProvider client={client} queryClient={queryClient}>
          {children}
        </KindlingProvider>
      ),
    })
    await waitFor(() => expect(given.result.current.isSuccess).toBe(true))
    expect(queryClient.getQueryState(modelsQueryKey(client))?.status).toBe('success')
    expect(listed).toBe(2)
  })

  it('renders on the server without touching window and without a request', () => {
    const client = peer.client()
    const html = renderToString(
      <KindlingProvider client={client}>
        <Page />
      </KindlingProvider>,
    )
    expect(html).toContain('loading')
    expect(html).toContain('hello from the server')
  })
})
