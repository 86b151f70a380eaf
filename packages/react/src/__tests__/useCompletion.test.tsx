import { APIConnectionError, APIStreamError, InternalServerError } from '@kindling/client'
import { act, renderHook, waitFor } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { KindlingProvider } from '../KindlingProvider.tsx'
import { type UseCompletionOptions, useCompletion } from '../useCompletion.ts'
import { faultHeaders, startPeer } from './peer.ts'
import { createManualScheduler } from './scripted.ts'

const peer = startPeer()

type Options = Partial<UseCompletionOptions>

function renderCompletion(initial: Options = {}, strict = false) {
  const client = peer.client()
  const wrapper = ({ children }: { children: ReactNode }) => {
    const tree = <KindlingProvider client={client}>{children}</KindlingProvider>
    return strict ? <StrictMode>{tree}</StrictMode> : tree
  }
  return renderHook(
    (options: Options) => useCompletion({ model: 'kindling-text', batchInterval: 0, ...options }),
    { wrapper, initialProps: initial },
  )
}

describe('useCompletion', () => {
  it('streams the completion incrementally, then finishes with usage and timing', async () => {
    const onFinish = vi.fn()
    const seen = new Set<string>()
    const { result } = renderCompletion({ requestOptions: { headers: faultHeaders(undefined, 5) }, onFinish })
    let completing!: Promise<void>
    act(() => {
      completing = result.current.complete('Once upon a time')
    })
    expect(result.current.status).toBe('submitted')
    expect(result.current.prompt).toBe('Once upon a time')
    await waitFor(
      () => {
        seen.add(result.current.completion)
        expect(result.current.outcome).toBe('done')
      },
      { interval: 5 },
    )
    await act(() => completing)
    const final = result.current.completion
    expect(final.length).toBeGreaterThan(40)
    expect([...seen].filter((text) => text !== '' && text !== final).length).toBeGreaterThan(1)
    expect(result.current.status).toBe('ready')
    expect(result.current.usage?.completion_tokens).toBeGreaterThan(0)
    expect(result.current.choices).toEqual([{ index: 0, text: final, finish_reason: 'stop' }])
    expect(result.current.timing?.finishedAt).toBeDefined()
    expect(onFinish).toHaveBeenCalledWith(final, expect.objectContaining({ object: 'text_completion' }))
  })

  it('keeps every choice with n > 1', async () => {
    const { result } = renderCompletion({ params: { n: 2 } })
    await act(() => result.current.complete('Go'))
    expect(result.current.choices).toHaveLength(2)
    expect(result.current.choices[0]?.text).toBe(result.current.completion)
    expect(result.current.choices[1]?.text).not.toBe(result.current.completion)
  })

  it('stop() keeps the partial text and the server sees the connection closed', async () => {
    const { result } = renderCompletion({ requestOptions: { headers: faultHeaders(undefined, 30) } })
    const ended = peer.server.streams.waitForStreamEnd()
    act(() => void result.current.complete('Tell'))
    await waitFor(() => expect(result.current.completion.length).toBeGreaterThan(0))
    act(() => result.current.stop())
    const partial = result.current.completion
    expect(result.current.outcome).toBe('stopped')
    expect(result.current.status).toBe('ready')
    expect((await ended).end).toBe('client-closed')
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(result.current.completion).toBe(partial)
  })

  it.each([
    { spec: 'cut=3', ErrorClass: APIConnectionError, partial: true },
    { spec: 'error-event=3', ErrorClass: APIStreamError, partial: true },
    { spec: '500', ErrorClass: InternalServerError, partial: false },
  ])(
    '$spec ends in error with the partial text and typed error; completing again succeeds',
    async ({ spec, ErrorClass, partial }) => {
      const onError = vi.fn()
      const faulty = { onError, requestOptions: { headers: faultHeaders(spec) } }
      const { result, rerender } = renderCompletion(faulty)
      await act(() => result.current.complete('Tell'))
      expect(result.current.status).toBe('error')
      expect(result.current.outcome).toBe('error')
      expect(result.current.error).toBeInstanceOf(ErrorClass)
      expect(onError).toHaveBeenCalledWith(result.current.error)
      expect(result.current.completion.length > 0).toBe(partial)
      rerender({})
      await act(() => result.current.complete(result.current.prompt ?? ''))
      expect(result.current.outcome).toBe('done')
      expect(result.current.error).toBeUndefined()
    },
  )

  it('input and handleSubmit complete the prompt box', async () => {
    const { result } = renderCompletion({ model: 'kindling-echo' })
    await act(() => result.current.handleSubmit())
    expect(result.current.prompt).toBeUndefined()
    act(() => result.current.setInput('echo me'))
    const preventDefault = vi.fn()
    await act(() => result.current.handleSubmit({ preventDefault }))
    expect(preventDefault).toHaveBeenCalled()
    expect(result.current.completion).toBe('echo me')
    expect(result.current.input).toBe('echo me')
  })

  it('unmount stops the request; StrictMode does not', async () => {
    const onError = vi.fn()
    const strict = renderCompletion({ requestOptions: { headers: faultHeaders(undefined, 2) } }, true)
    await act(() => strict.result.current.complete('strict'))
    expect(strict.result.current.outcome).toBe('done')

    const { result, unmount } = renderCompletion({
      onError,
      requestOptions: { headers: faultHeaders(undefined, 30) },
    })
    const ended = peer.server.streams.waitForStreamEnd()
    act(() => void result.current.complete('Tell'))
    await waitFor(() => expect(result.current.completion.length).toBeGreaterThan(0))
    unmount()
    expect((await ended).end).toBe('client-closed')
    expect(onError).not.toHaveBeenCalled()
  })

  it('commits at most once per frame', async () => {
    const scheduler = createManualScheduler()
    let renders = 0
    const client = peer.client()
    const { result } = renderHook(
      () => {
        renders++
        return useCompletion({ model: 'kindling-text', client, scheduler, params: { max_tokens: 200 } })
      },
      { wrapper: ({ children }) => <KindlingProvider client={client}>{children}</KindlingProvider> },
    )
    const mounted = renders
    await act(() => result.current.complete('A long one'))
    // Submitted, headers, end: no frame was flushed, so no delta rendered on its own.
    expect(renders - mounted).toBeLessThanOrEqual(3)
    expect(result.current.completion.length).toBeGreaterThan(100)
  })

  it('hooks with the same id share one completion', async () => {
    const client = peer.client()
    const { result } = renderHook(
      () => ({
        a: useCompletion({ id: 'shared-completion', model: 'kindling-echo', batchInterval: 0 }),
        b: useCompletion({ id: 'shared-completion', model: 'kindling-echo', batchInterval: 0 }),
        c: useCompletion({ model: 'kindling-echo', batchInterval: 0 }),
      }),
      { wrapper: ({ children }) => <KindlingProvider client={client}>{children}</KindlingProvider> },
    )
    await act(() => result.current.a.complete('together'))
    expect(result.current.b.completion).toBe('together')
    expect(result.current.b.outcome).toBe('done')
    expect(result.current.c.completion).toBe('')
    expect(result.current.c.id).not.toBe('shared-completion')
  })
})
