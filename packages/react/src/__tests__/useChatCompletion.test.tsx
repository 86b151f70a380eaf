import {
  APIConnectionError,
  APIStreamError,
  APITimeoutError,
  AuthenticationError,
  InternalServerError,
  type KindlingClient,
  RateLimitError,
  ResponseValidationError,
} from '@kindling/client'
import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { KindlingProvider } from '../KindlingProvider.tsx'
import {
  type UseChatCompletionOptions,
  type UseChatCompletionResult,
  useChatCompletion,
} from '../useChatCompletion.ts'
import { faultHeaders, startPeer } from './peer.ts'

const peer = startPeer()

type Options = Partial<UseChatCompletionOptions>

/** Renders the hook under a provider; `rerender` takes new options. */
function renderChat(initial: Options = {}, wrap?: (children: ReactNode) => ReactNode) {
  const client = peer.client()
  const wrapper = ({ children }: { children: ReactNode }) => {
    const tree = <KindlingProvider client={client}>{children}</KindlingProvider>
    return wrap ? wrap(tree) : tree
  }
  return renderHook(
    (options: Options) => useChatCompletion({ model: 'kindling-echo', batchInterval: 0, ...options }),
    { wrapper, initialProps: initial },
  )
}

const delayed = (ms: number, spec?: string): Options => ({
  requestOptions: { headers: faultHeaders(spec, ms) },
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('useChatCompletion: streaming', () => {
  it('shows the reply as it streams, then completes with usage and timing', async () => {
    const seen: string[] = []
    const { result } = renderChat({ model: 'kindling-text', ...delayed(5), params: { seed: 7 } })
    expect(result.current.status).toBe('ready')
    let sending!: Promise<void>
    act(() => {
      sending = result.current.send('Tell me something')
    })
    expect(result.current.status).toBe('submitted')
    expect(result.current.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'streaming'],
    ])
    await waitFor(
      () => {
        const answer = result.current.messages[1]
        if (answer && !seen.includes(answer.content)) seen.push(answer.content)
        expect(answer?.status).toBe('done')
      },
      { interval: 5 },
    )
    await act(() => sending)
    const answer = result.current.messages[1]
    expect(result.current.status).toBe('ready')
    expect(answer?.content.length).toBeGreaterThan(40)
    expect(answer?.finish_reason).toBe('stop')
    expect(answer?.usage?.completion_tokens).toBeGreaterThan(0)
    expect(answer?.model).toBe('kindling-text')
    expect(answer?.timing?.firstTokenAt).toBeGreaterThanOrEqual(answer?.timing?.startedAt ?? Infinity)
    expect(answer?.timing?.finishedAt).toBeGreaterThanOrEqual(answer?.timing?.firstTokenAt ?? Infinity)
    // Incremental: several growing prefixes of the final text were rendered.
    const partials = seen.filter((text) => text !== '' && text !== answer?.content)
    expect(partials.length).toBeGreaterThan(1)
    for (const text of partials) expect(answer?.content.startsWith(text)).toBe(true)
  })

  it('sends the history and keeps message ids stable across updates', async () => {
    const { result } = renderChat({ initialMessages: [{ role: 'system', content: 'Be brief.' }] })
    await act(() => result.current.send('first'))
    const ids = result.current.messages.map((m) => m.id)
    await act(() => result.current.send('second'))
    expect(result.current.messages.map((m) => m.content)).toEqual([
      'Be brief.',
      'first',
      'first',
      'second',
      'second',
    ])
    expect(result.current.messages.slice(0, 3).map((m) => m.id)).toEqual(ids)
    expect(new Set(result.current.messages.map((m) => m.id)).size).toBe(5)
  })

  it('calls onDelta for every delta and onFinish with the message and response', async () => {
    const onDelta = vi.fn()
    const onFinish = vi.fn()
    const { result } = renderChat({ onDelta, onFinish })
    await act(() => result.current.send('one two three'))
    const text = onDelta.mock.calls.map(([delta]) => delta.content ?? '').join('')
    expect(text).toBe('one two three')
    expect(onFinish).toHaveBeenCalledTimes(1)
    const [message, response] = onFinish.mock.calls[0] ?? []
    expect(message).toBe(result.current.messages[1])
    expect(response.choices[0].message.content).toBe('one two three')
  })

  it('streams reasoning before the answer', async () => {
    const { result } = renderChat({ model: 'kindling-reasoning' })
    await act(() => result.current.send('Why is the sky blue?'))
    const answer = result.current.messages[1]
    expect(answer?.reasoning_content).toContain('Why is the sky blue?')
    expect(answer?.content.length).toBeGreaterThan(10)
    expect(answer?.status).toBe('done')
  })

  it('streams tool calls, then answers the tool result', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
    ]
    const { result } = renderChat({ model: 'kindling-tools', params: { tools } })
    await act(() => result.current.send('Paris'))
    const answer = result.current.messages[1]
    expect(answer?.finish_reason).toBe('tool_calls')
    const call = answer?.tool_calls?.[0]
    expect(call?.function.name).toBe('get_weather')
    expect(JSON.parse(call?.function.arguments ?? '')).toEqual({ city: 'Paris' })
    await act(() =>
      result.current.send({ role: 'tool', tool_call_id: call?.id ?? '', content: '{"temp": 21}' }),
    )
    expect(result.current.messages).toHaveLength(4)
    expect(result.current.messages[2]).toMatchObject({ role: 'tool', tool_call_id: call?.id })
    expect(result.current.messages[3]?.status).toBe('done')
  })

  it('keeps n alternatives as sibling answers with the first shown', async () => {
    const { result } = renderChat({ model: 'kindling-text', params: { n: 3 } })
    await act(() => result.current.send('Write'))
    const [user, answer] = result.current.messages
    const texts: string[] = []
    for (let index = 0; index < 3; index++) {
      texts.push(result.current.messages[1]?.content ?? '')
      expect(result.current.messages[1]?.status).toBe('done')
      act(() => result.current.switchSibling(result.current.messages[1]?.id ?? '', 1))
    }
    expect(new Set(texts).size).toBe(3)
    expect(texts[0]).toBe(answer?.content)
    // Past the last sibling nothing moves: the third is still shown.
    expect(result.current.messages[1]?.content).toBe(texts[2])
    act(() => result.current.selectBranch(answer?.id ?? ''))
    expect(result.current.messages[1]).toBe(answer)
    expect(result.current.messages[0]).toBe(user)
  })
})

describe('useChatCompletion: stop, faults and retry', () => {
  it('stop() keeps the partial answer as stopped and the server sees the connection closed', async () => {
    const { result } = renderChat({ model: 'kindling-text', ...delayed(30) })
    const ended = peer.server.streams.waitForStreamEnd()
    act(() => void result.current.send('Go on'))
    await waitFor(() => expect(result.current.messages[1]?.content.length).toBeGreaterThan(0))
    act(() => result.current.stop())
    const partial = result.current.messages[1]?.content ?? ''
    expect(result.current.status).toBe('ready')
    expect(result.current.messages[1]?.status).toBe('stopped')
    expect(partial.length).toBeGreaterThan(0)
    expect((await ended).end).toBe('client-closed')
    // Nothing arrives after the stop.
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(result.current.messages[1]?.content).toBe(partial)
    expect(result.current.messages[1]?.status).toBe('stopped')
  })

  it.each([
    { spec: 'cut=3', ErrorClass: APIConnectionError, partial: true },
    { spec: 'error-event=3', ErrorClass: APIStreamError, partial: true },
    { spec: 'error-chunk=3', ErrorClass: APIStreamError, partial: true },
    { spec: 'malformed=3', ErrorClass: ResponseValidationError, partial: true },
    { spec: 'stall=3', ErrorClass: APITimeoutError, partial: true },
    { spec: '500', ErrorClass: InternalServerError, partial: false },
    { spec: '429', ErrorClass: RateLimitError, partial: false },
    { spec: '401', ErrorClass: AuthenticationError, partial: false },
  ])(
    '$spec ends in error with the typed error and partial text kept; regenerate() then succeeds',
    async ({ spec, ErrorClass, partial }) => {
      const onError = vi.fn()
      const faulty: Options = {
        model: 'kindling-text',
        params: { seed: 3 },
        onError,
        requestOptions: { headers: faultHeaders(spec), requestTimeout: 0.5 },
      }
      const { result, rerender } = renderChat(faulty)
      await act(() => result.current.send('Tell me'))
      const [user, answer] = result.current.messages
      expect(result.current.status).toBe('error')
      expect(result.current.error).toBeInstanceOf(ErrorClass)
      expect(user).toMatchObject({ role: 'user', content: 'Tell me', status: 'done' })
      expect(answer?.status).toBe('error')
      expect(answer?.error).toBe(result.current.error)
      expect(onError).toHaveBeenCalledWith(result.current.error, answer)
      if (partial) expect(answer?.content.length).toBeGreaterThan(0)
      else expect(answer?.content).toBe('')

      rerender({ ...faulty, requestOptions: {} })
      await act(() => result.current.regenerate())
      expect(result.current.status).toBe('ready')
      expect(result.current.error).toBeUndefined()
      expect(result.current.messages).toHaveLength(2)
      expect(result.current.messages[0]).toBe(user)
      expect(result.current.messages[1]?.status).toBe('done')
      if (partial) expect(result.current.messages[1]?.content.startsWith(answer?.content ?? '')).toBe(true)
    },
  )

  it('a failed send keeps the user message for a retry', async () => {
    const { result } = renderChat({ requestOptions: { headers: faultHeaders('401') } })
    act(() => result.current.setInput('my precious words'))
    await act(() => result.current.handleSubmit())
    expect(result.current.messages[0]).toMatchObject({ role: 'user', content: 'my precious words' })
    expect(result.current.status).toBe('error')
  })

  it('sending while an answer streams stops it first, then sends (one stream at a time)', async () => {
    const { result } = renderChat({ model: 'kindling-text', ...delayed(30) })
    const firstEnded = peer.server.streams.waitForStreamEnd()
    act(() => void result.current.send('first'))
    await waitFor(() => expect(result.current.messages[1]?.content.length).toBeGreaterThan(0))
    let second!: Promise<void>
    act(() => {
      second = result.current.send('second')
    })
    expect(result.current.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'stopped'],
      ['user', 'done'],
      ['assistant', 'streaming'],
    ])
    expect((await firstEnded).end).toBe('client-closed')
    expect(peer.server.streams.stats().open).toBeLessThanOrEqual(1)
    await act(() => second)
    expect(result.current.messages[3]?.status).toBe('done')
  })
})

describe('useChatCompletion: editing the conversation', () => {
  it('regenerate() replaces the last answer, keeping the old one as a sibling', async () => {
    const { result } = renderChat({ model: 'kindling-text' })
    await act(() => result.current.send('hi'))
    const [user, answer] = result.current.messages
    await act(() => result.current.regenerate())
    expect(result.current.messages).toHaveLength(2)
    expect(result.current.messages[0]).toBe(user)
    expect(result.current.messages[1]?.id).not.toBe(answer?.id)
    expect(result.current.messages[1]?.status).toBe('done')
    act(() => result.current.switchSibling(result.current.messages[1]?.id ?? '', -1))
    expect(result.current.messages[1]).toBe(answer)
  })

  it('edit() shows the changed message and a new answer; what followed stays on the old branch', async () => {
    const { result } = renderChat()
    await act(() => result.current.send('one'))
    await act(() => result.current.send('two'))
    const first = result.current.messages[0]
    const before = result.current.messages.map((m) => m.content)
    await act(() => result.current.edit(first?.id ?? '', 'uno'))
    expect(result.current.messages.map((m) => m.content)).toEqual(['uno', 'uno'])
    expect(result.current.messages[0]?.id).not.toBe(first?.id)
    act(() => result.current.selectBranch(first?.id ?? ''))
    expect(result.current.messages.map((m) => m.content)).toEqual(before)
  })

  it('setMessages() and reset()', async () => {
    const { result } = renderChat({ initialMessages: [{ role: 'system', content: 'sys' }] })
    act(() => result.current.setMessages([{ role: 'user', content: 'a' }]))
    expect(result.current.messages.map((m) => [m.role, m.content, m.status])).toEqual([['user', 'a', 'done']])
    act(() => result.current.setMessages((messages) => [...messages, { role: 'assistant', content: 'b' }]))
    expect(result.current.messages.map((m) => m.content)).toEqual(['a', 'b'])
    act(() => result.current.setInput('draft'))
    act(() => result.current.reset())
    expect(result.current.messages.map((m) => m.content)).toEqual(['sys'])
    expect(result.current.input).toBe('')
    expect(result.current.status).toBe('ready')
  })

  it('handleSubmit sends the input, clears it and ignores blank input', async () => {
    const { result } = renderChat()
    const preventDefault = vi.fn()
    act(() => void result.current.handleSubmit({ preventDefault }))
    expect(result.current.messages).toHaveLength(0)
    act(() => result.current.setInput('from the form'))
    expect(result.current.input).toBe('from the form')
    act(() => void result.current.handleSubmit({ preventDefault }))
    expect(preventDefault).toHaveBeenCalledTimes(2)
    expect(result.current.input).toBe('')
    await waitFor(() => expect(result.current.messages[1]?.status).toBe('done'))
    expect(result.current.messages[1]?.content).toBe('from the form')
  })
})

function Viewer({ label, id, client }: { label: string; id: string; client: KindlingClient }) {
  const chat = useChatCompletion({ id, model: 'kindling-echo', batchInterval: 0, client })
  return (
    <div data-testid={label}>
      <button type="button" onClick={() => chat.send(`from ${label}`)}>
        send {label}
      </button>
      {chat.messages.map((m) => m.content).join(' / ')}
    </div>
  )
}

function Streamer({ onChat }: { onChat: (chat: UseChatCompletionResult) => void }) {
  onChat(useChatCompletion({ id: 'kept', model: 'kindling-text', batchInterval: 0, ...delayed(5) }))
  return null
}

function Two(props: {
  showSecond: boolean
  client: KindlingClient
  onChat: (chat: UseChatCompletionResult) => void
}) {
  return (
    <KindlingProvider client={props.client}>
      <Streamer onChat={props.onChat} />
      {props.showSecond ? <Viewer label="b" id="kept" client={props.client} /> : null}
    </KindlingProvider>
  )
}

describe('useChatCompletion: sharing, unmount and StrictMode', () => {
  it('two components with the same id see one chat', async () => {
    const client = peer.client()
    render(
      <KindlingProvider client={client}>
        <Viewer label="a" id="shared" client={client} />
        <Viewer label="b" id="shared" client={client} />
        <Viewer label="c" id="other" client={client} />
      </KindlingProvider>,
    )
    act(() => screen.getByText('send a').click())
    await waitFor(() => expect(screen.getByTestId('b')).toHaveTextContent('from a / from a'))
    expect(screen.getByTestId('a')).toHaveTextContent('from a / from a')
    expect(screen.getByTestId('c')).toHaveTextContent(/^send c$/)
  })

  it('unmount aborts the request when no other consumer remains, with no callback or state update after', async () => {
    const onError = vi.fn()
    const onFinish = vi.fn()
    const consoleError = vi.spyOn(console, 'error')
    const { result, unmount } = renderChat({ model: 'kindling-text', ...delayed(30), onError, onFinish })
    const ended = peer.server.streams.waitForStreamEnd()
    act(() => void result.current.send('go'))
    await waitFor(() => expect(result.current.messages[1]?.content.length).toBeGreaterThan(0))
    unmount()
    expect((await ended).end).toBe('client-closed')
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(onError).not.toHaveBeenCalled()
    expect(onFinish).not.toHaveBeenCalled()
    expect(consoleError).not.toHaveBeenCalled()
  })

  it('unmount keeps the stream when another consumer of the id is mounted', async () => {
    const client = peer.client()
    let chat!: UseChatCompletionResult
    const onChat = (current: UseChatCompletionResult) => {
      chat = current
    }
    const view = render(<Two showSecond client={client} onChat={onChat} />)
    act(() => void chat.send('keep going'))
    await waitFor(() => expect(chat.messages[1]?.content.length).toBeGreaterThan(0))
    view.rerender(<Two showSecond={false} client={client} onChat={onChat} />)
    await waitFor(() => expect(chat.messages[1]?.status).toBe('done'))
  })

  it('StrictMode mounts start one request, not two, and do not abort it', async () => {
    const before = peer.server.streams.stats().recent.length
    const { result } = renderChat({ model: 'kindling-text', ...delayed(2) }, (tree) => (
      <StrictMode>{tree}</StrictMode>
    ))
    await act(() => result.current.send('once'))
    expect(result.current.messages.map((m) => m.status)).toEqual(['done', 'done'])
    const recent = peer.server.streams.stats().recent.slice(before)
    expect(recent.map((stream) => stream.end)).toEqual(['completed'])
  })
})
