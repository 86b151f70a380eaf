import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { startPeer } from '../../__tests__/peer.ts'
import type { ChatEngine } from '../chatEngine.ts'
import { createChatRegistry } from '../chatRegistry.ts'
import { createMemoryAdapter, type MemoryAdapter } from '../persistence/memoryAdapter.ts'
import type { ChatRequestConfig } from '../requestRunner.ts'
import { selectToolCalls } from '../selectToolCalls.ts'
import { createThreadStore } from '../threadStore.ts'
import { INTERRUPTED } from '../toolCallStates.ts'
import type { ToolCallView } from '../toolRunner.ts'
import { defineTool, type ToolSet } from '../tools.ts'

// Tool calls across reloads and tabs, against the real server. A "page" is a thread store with its
// own registry over a shared memory adapter; a reload disposes of the old page (it saves nothing
// more and lets go of its locks, as a closed tab does) and opens the thread in a new one.

const peer = startPeer()

const config = (tools: ToolSet): ChatRequestConfig => ({
  client: peer.client(),
  model: 'kindling-tools',
  batchInterval: 0,
  tools,
})

const page = (adapter: MemoryAdapter) => createThreadStore({ adapter, registry: createChatRegistry() })
const roles = (engine: ChatEngine | undefined) =>
  engine?.store.getState().messages.map((message) => message.role)

/** The calls of the first answer with tool calls on the active path, as the UI shows them. */
function callsOf(engine: ChatEngine | undefined): ToolCallView[] {
  const state = engine?.store.getState()
  const answer = state?.messages.find((message) => message.tool_calls?.length)
  return state && answer ? selectToolCalls(state, answer) : []
}

const poll = <T>(read: () => T) => expect.poll(read, { timeout: 5000 })

function weather(runs: string[], options: { needsApproval?: boolean; execute?: boolean } = {}) {
  return {
    get_weather: defineTool({
      description: 'The weather in a city',
      parameters: z.object({ city: z.string() }),
      needsApproval: options.needsApproval ?? true,
      execute:
        options.execute === false
          ? undefined
          : ({ city }) => {
              runs.push(city)
              return { city, temperature: 18 }
            },
    }),
  }
}

/** A thread whose answer waits for the user, saved; its page is still open. */
async function waitingThread(adapter: MemoryAdapter, tools: ToolSet, question = 'Weather in Oslo?') {
  const first = page(adapter)
  await first.ready
  const id = first.create()
  const engine = first.engine(id)
  void engine.send(question, config(tools))
  await poll(() => callsOf(engine)[0]?.status).toMatch(/^awaiting-/)
  await first.flush()
  return { first, id, engine }
}

describe('tool calls across a reload', () => {
  it('restores a pending approval: approve runs the tool once and the loop goes on', async () => {
    const adapter = createMemoryAdapter()
    const runs: string[] = []
    const tools = weather(runs)
    const { first, id } = await waitingThread(adapter, tools)
    first.dispose()

    const reloaded = page(adapter)
    const engine = await reloaded.open(id)
    const [call] = callsOf(engine)
    expect(call).toMatchObject({ status: 'awaiting-approval', args: { city: 'Oslo' } })
    const before = peer.server.streams.stats().recent.length
    engine?.approve(call?.id ?? '', config(tools))
    await poll(() => roles(engine)).toEqual(['user', 'assistant', 'tool', 'assistant'])
    await poll(() => engine?.store.getState().messages.at(-1)?.status).toBe('done')
    expect(runs).toEqual(['Oslo'])
    expect(peer.server.streams.stats().recent.slice(before)).toHaveLength(1)
    expect(engine?.store.getState().messages.at(-1)?.content).toContain('"temperature":18')
    expect(callsOf(engine)[0]).toMatchObject({ status: 'done', result: { city: 'Oslo', temperature: 18 } })

    // Saved as ended: a third page shows it done and has nothing to run.
    await reloaded.flush()
    reloaded.dispose()
    const again = await page(adapter).open(id)
    expect(callsOf(again)[0]?.status).toBe('done')
    again?.approve(call?.id ?? '', config(tools))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(runs).toEqual(['Oslo'])
    expect(roles(again)).toHaveLength(4)
  })

  it('runs a restored call once when it is approved twice at once (two components, a double click)', async () => {
    const adapter = createMemoryAdapter()
    const runs: string[] = []
    const tools = weather(runs)
    const { first, id } = await waitingThread(adapter, tools)
    first.dispose()
    const engine = await page(adapter).open(id)
    const callId = callsOf(engine)[0]?.id ?? ''
    engine?.approve(callId, config(tools))
    engine?.approve(callId, config(tools))
    engine?.deny(callId, config(tools))
    await poll(() => roles(engine)).toEqual(['user', 'assistant', 'tool', 'assistant'])
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(runs).toEqual(['Oslo'])
    expect(callsOf(engine)[0]?.status).toBe('done')
  })

  it('restores a pending denial and a pending UI result', async () => {
    const adapter = createMemoryAdapter()
    const runs: string[] = []
    const tools = weather(runs)
    const denied = await waitingThread(adapter, tools)
    denied.first.dispose()
    const engine = await page(adapter).open(denied.id)
    engine?.deny(callsOf(engine)[0]?.id ?? '', config(tools))
    await poll(() => roles(engine)).toEqual(['user', 'assistant', 'tool', 'assistant'])
    await poll(() => engine?.store.getState().messages.at(-1)?.status).toBe('done')
    expect(engine?.store.getState().messages.at(-1)?.content).toContain('Denied by the user')
    expect(runs).toEqual([])

    const form = weather(runs, { needsApproval: false, execute: false })
    const asked = await waitingThread(adapter, form)
    asked.first.dispose()
    const reloaded = await page(adapter).open(asked.id)
    expect(callsOf(reloaded)[0]?.status).toBe('awaiting-result')
    reloaded?.addToolResult(callsOf(reloaded)[0]?.id ?? '', { sky: 'clear' }, config(form))
    await poll(() => roles(reloaded)).toHaveLength(4)
    await poll(() => reloaded?.store.getState().messages.at(-1)?.status).toBe('done')
    expect(reloaded?.store.getState().messages.at(-1)?.content).toContain('"sky":"clear"')
  })

  it('ends a call that was running at the reload as interrupted, without running it again', async () => {
    const adapter = createMemoryAdapter()
    let runs = 0
    const tools = {
      get_weather: defineTool({
        parameters: z.object({ city: z.string() }),
        execute: () => {
          runs += 1
          return new Promise(() => {}) // the page closes before it ends
        },
      }),
    }
    const first = page(adapter)
    const id = first.create()
    void first.engine(id).send('Weather in Porto?', config(tools))
    await poll(() => callsOf(first.engine(id))[0]?.status).toBe('running')
    await first.flush()
    first.dispose()

    const reloaded = page(adapter)
    const engine = await reloaded.open(id)
    await poll(() => roles(engine)).toEqual(['user', 'assistant', 'tool'])
    expect(runs).toBe(1)
    expect(callsOf(engine)[0]).toMatchObject({ status: 'error', error: INTERRUPTED })
    expect(engine?.store.getState().toolLoop).toEqual({ stoppedAt: 'interrupted', steps: 0 })
    // Nothing is sent by itself; continue() tells the model.
    await engine?.continue(config(tools))
    expect(engine?.store.getState().messages.at(-1)?.content).toContain('Interrupted')
    expect(runs).toBe(1)
  })
})

describe('tool calls in two tabs on one thread', () => {
  it('runs an approved call once, in the tab that owns the answer, whichever tab approves', async () => {
    const adapter = createMemoryAdapter()
    const runs: string[] = []
    const tools = weather(runs)
    const { id, engine: tabA } = await waitingThread(adapter, tools)
    const tabB = await page(adapter).open(id)
    const callId = callsOf(tabB)[0]?.id ?? ''
    expect(callsOf(tabB)[0]?.status).toBe('awaiting-approval')

    // Approved in both tabs at once: tab A holds the answer (it received it), tab B posts to it.
    tabB?.approve(callId, config(tools))
    tabA.approve(callId, config(tools))
    await poll(() => roles(tabA)).toEqual(['user', 'assistant', 'tool', 'assistant'])
    await poll(() => tabA.store.getState().messages.at(-1)?.status).toBe('done')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(runs).toEqual(['Oslo'])
    // Tab B ran nothing and sent nothing; its copy is stale until it hears of tab A's save.
    expect(roles(tabB)).toEqual(['user', 'assistant'])
  })

  it('runs a restored call once when two reloaded tabs approve it together', async () => {
    const adapter = createMemoryAdapter()
    const runs: string[] = []
    const tools = weather(runs)
    const { first, id } = await waitingThread(adapter, tools)
    first.dispose()
    const tabB = await page(adapter).open(id)
    const tabC = await page(adapter).open(id)
    const callId = callsOf(tabB)[0]?.id ?? ''
    const before = peer.server.streams.stats().recent.length
    tabB?.approve(callId, config(tools))
    tabC?.approve(callId, config(tools))
    await poll(() =>
      [tabB, tabC].some(
        (tab) => tab?.store.getState().messages.at(-1)?.status === 'done' && roles(tab)?.length === 4,
      ),
    ).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(runs).toEqual(['Oslo'])
    expect(peer.server.streams.stats().recent.slice(before)).toHaveLength(1)
  })

  it('a tab that approves after the other tab finished runs nothing', async () => {
    const adapter = createMemoryAdapter()
    const runs: string[] = []
    const tools = weather(runs)
    const { first, id } = await waitingThread(adapter, tools)
    first.dispose()
    const pageB = page(adapter)
    const tabB = await pageB.open(id)
    const tabC = await page(adapter).open(id)
    const callId = callsOf(tabB)[0]?.id ?? ''
    tabB?.approve(callId, config(tools))
    await poll(() => roles(tabB)).toHaveLength(4)
    await poll(() => tabB?.store.getState().messages.at(-1)?.status).toBe('done')
    await pageB.flush()
    // Tab C still shows the call waiting (a memory adapter tells no one): its approval reads the
    // stored thread first, sees the call ended, and takes the results instead of running it.
    expect(callsOf(tabC)[0]?.status).toBe('awaiting-approval')
    tabC?.approve(callId, config(tools))
    await poll(() => roles(tabC)).toEqual(['user', 'assistant', 'tool', 'assistant'])
    expect(callsOf(tabC)[0]?.status).toBe('done')
    expect(runs).toEqual(['Oslo'])
  })
})
