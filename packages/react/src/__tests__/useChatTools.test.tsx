import { act, renderHook, waitFor } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createChatRegistry } from '../core/chatRegistry.ts'
import { createMemoryAdapter } from '../core/persistence/memoryAdapter.ts'
import { createThreadStore } from '../core/threadStore.ts'
import { defineTool } from '../core/tools.ts'
import { KindlingProvider } from '../KindlingProvider.tsx'
import { useChatActions } from '../useChatActions.ts'
import { useChatCompletion } from '../useChatCompletion.ts'
import { useToolCalls } from '../useToolCalls.ts'
import { startPeer } from './peer.ts'

const peer = startPeer()

describe('useChatCompletion with tools', () => {
  it('runs each tool call exactly once under StrictMode with two consumers of the chat', async () => {
    const client = peer.client()
    const runs: string[] = []
    const tools = {
      get_weather: defineTool({
        parameters: z.object({ city: z.string() }),
        execute: async ({ city }) => {
          runs.push(city)
          await new Promise((resolve) => setTimeout(resolve, 10))
          return { city, temperature: 12 }
        },
      }),
    }
    const wrapper = ({ children }: { children: ReactNode }) => (
      <StrictMode>
        <KindlingProvider client={client}>{children}</KindlingProvider>
      </StrictMode>
    )
    const before = peer.server.streams.stats().recent.length
    const { result } = renderHook(
      () => {
        const options = { id: 'tools', model: 'kindling-tools', batchInterval: 0 as const, tools }
        const first = useChatCompletion(options)
        const calls = useToolCalls('tools', first.messages[1]?.id ?? '')
        return { first, second: useChatCompletion(options), calls }
      },
      { wrapper },
    )
    await act(() => result.current.first.send('Weather in Madrid?'))
    expect(runs).toEqual(['Madrid'])
    expect(result.current.second.messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
    ])
    expect(peer.server.streams.stats().recent.slice(before)).toHaveLength(2)
    expect(result.current.calls).toMatchObject([
      {
        name: 'get_weather',
        status: 'done',
        args: { city: 'Madrid' },
        result: { city: 'Madrid', temperature: 12 },
      },
    ])
  })

  it('approves and denies from an actions-only consumer, pauses at maxSteps, continue() goes on, stop() ends it', async () => {
    const client = peer.client()
    const runs: string[] = []
    const tools = {
      get_weather: defineTool({
        parameters: z.object({ city: z.string() }),
        needsApproval: ({ city }) => city === 'Kyiv',
        execute: ({ city }) => {
          runs.push(city)
          return 'sunny'
        },
      }),
    }
    const wrapper = ({ children }: { children: ReactNode }) => (
      <KindlingProvider client={client}>{children}</KindlingProvider>
    )
    const { result } = renderHook(
      () => ({
        chat: useChatCompletion({
          id: 'approvals',
          model: 'kindling-tools',
          batchInterval: 0,
          tools,
          maxSteps: 1,
          params: { tool_choice: 'required' },
        }),
        actions: useChatActions('approvals'),
      }),
      { wrapper },
    )
    let sent!: Promise<void>
    act(() => {
      sent = result.current.chat.send('Weather in Kyiv?')
    })
    await waitFor(() => expect(result.current.chat.messages[1]?.status).toBe('done'))
    const callId = result.current.chat.messages[1]?.tool_calls?.[0]?.id ?? ''
    expect(runs).toEqual([])
    act(() => result.current.actions.approve(callId))
    await waitFor(() => expect(result.current.chat.messages[3]?.status).toBe('done'))
    expect(runs).toEqual(['Kyiv'])
    // The automatic request's answer calls again (tool_choice 'required'): deny it.
    act(() => result.current.actions.deny(result.current.chat.messages[3]?.tool_calls?.[0]?.id ?? ''))
    await act(() => sent)
    expect(runs).toEqual(['Kyiv'])
    expect(result.current.chat.toolLoop).toEqual({ stoppedAt: 'max-steps', steps: 1 })
    expect(result.current.chat.messages.at(-1)?.content).toContain('Denied by the user')
    let continued!: Promise<void>
    act(() => {
      continued = result.current.actions.continue()
    })
    await waitFor(() => expect(result.current.chat.messages.at(-1)?.tool_calls?.length).toBe(1))
    expect(result.current.chat.toolLoop).toBeUndefined()
    act(() => result.current.actions.stop())
    await act(() => continued)
    expect(runs).toEqual(['Kyiv'])
    expect(result.current.chat.messages.at(-1)?.role).toBe('tool')
  })

  it('runs a call restored from a saved thread once under StrictMode, when two consumers approve it', async () => {
    const client = peer.client()
    const runs: string[] = []
    const tools = {
      get_weather: defineTool({
        parameters: z.object({ city: z.string() }),
        needsApproval: true,
        execute: ({ city }) => {
          runs.push(city)
          return { city, temperature: 3 }
        },
      }),
    }
    // The first page: the answer waits for approval, is saved, and the page goes away.
    const adapter = createMemoryAdapter()
    const before = createThreadStore({ adapter, registry: createChatRegistry() })
    const id = before.create()
    const options = { model: 'kindling-tools', batchInterval: 0 as const, tools, client }
    void before.engine(id).send('Weather in Riga?', options)
    await waitFor(() => expect(before.engine(id).store.getState().messages[1]?.toolCallStates).toBeDefined())
    await before.flush()
    before.dispose()

    const threads = createThreadStore({ adapter, registry: createChatRegistry() })
    await threads.open(id)
    const wrapper = ({ children }: { children: ReactNode }) => (
      <StrictMode>
        <KindlingProvider client={client} threads={threads}>
          {children}
        </KindlingProvider>
      </StrictMode>
    )
    const { result } = renderHook(
      () => {
        const first = useChatCompletion({ id, ...options })
        const calls = useToolCalls(id, first.messages[1]?.id ?? '')
        return { first, second: useChatCompletion({ id, ...options }), calls }
      },
      { wrapper },
    )
    expect(result.current.calls).toMatchObject([{ status: 'awaiting-approval', args: { city: 'Riga' } }])
    const callId = result.current.calls[0]?.id ?? ''
    act(() => {
      result.current.first.approve(callId)
      result.current.second.approve(callId)
    })
    await waitFor(() => expect(result.current.second.messages.map((m) => m.role)).toHaveLength(4))
    await waitFor(() => expect(result.current.first.status).toBe('ready'))
    expect(runs).toEqual(['Riga'])
    expect(result.current.calls).toMatchObject([{ status: 'done', result: { city: 'Riga', temperature: 3 } }])
  })
})
