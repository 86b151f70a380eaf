import { createClient } from '@kindling/client'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { ChatEngine } from '../core/chatEngine.ts'
import { createChatRegistry } from '../core/chatRegistry.ts'
import { createIndexedDbAdapter } from '../core/persistence/indexedDbAdapter.ts'
import type { ChatRequestConfig } from '../core/requestRunner.ts'
import { selectToolCalls } from '../core/selectToolCalls.ts'
import { createThreadStore, type ThreadStore } from '../core/threadStore.ts'
import { defineTool, type ToolSet } from '../core/tools.ts'

// Tool calls across a reload and across tabs, in real Chromium: real IndexedDB, Web Locks and
// BroadcastChannel, against the embedded server (same origin, /v1). A page is a thread store with
// its own registry and adapter (its own connection and channel). A reload throws the page away: it
// is disposed (it saves nothing more and lets go of its locks, as a closed tab does) and a new page
// reads the thread from IndexedDB.

const config = (tools: ToolSet): ChatRequestConfig => ({
  client: createClient({ baseURL: '/v1', apiKey: null, logLevel: 'off', maxRetries: 0 }),
  model: 'kindling-tools',
  batchInterval: 0,
  tools,
})

let databases = 0
const freshName = () => `kindling-tools-test-${Date.now()}-${++databases}`
const page = (name: string) =>
  createThreadStore({ adapter: createIndexedDbAdapter({ name }), registry: createChatRegistry() })

const roles = (engine: ChatEngine | undefined) =>
  engine?.store.getState().messages.map((message) => message.role)

function firstCall(engine: ChatEngine | undefined) {
  const state = engine?.store.getState()
  const answer = state?.messages.find((message) => message.tool_calls?.length)
  return state && answer ? selectToolCalls(state, answer)[0] : undefined
}

const poll = <T>(read: () => T) => expect.poll(read, { timeout: 5000 })
const ANSWERED = ['user', 'assistant', 'tool', 'assistant']

/** A weather tool that needs approval, counting its runs in `runs` (shared by every page). */
const weather = (runs: string[]): ToolSet => ({
  get_weather: defineTool({
    description: 'The weather in a city',
    parameters: z.object({ city: z.string() }),
    needsApproval: true,
    execute: ({ city }) => {
      runs.push(city)
      return { city, temperature: 9 }
    },
  }),
})

/** A new thread whose answer waits for approval, saved in the database `name`. */
async function waitingThread(name: string, tools: ToolSet): Promise<{ tab: ThreadStore; id: string }> {
  const tab = page(name)
  await tab.ready
  const id = tab.create()
  void tab.engine(id).send('Weather in Tromsø?', config(tools))
  await poll(() => firstCall(tab.engine(id))?.status).toBe('awaiting-approval')
  await tab.flush()
  return { tab, id }
}

describe('tool calls with IndexedDB', () => {
  it('keeps a pending approval across a reload: approve runs the tool once, the answer follows', async () => {
    const name = freshName()
    const runs: string[] = []
    const tools = weather(runs)
    const { tab, id } = await waitingThread(name, tools)
    tab.dispose()

    const reloaded = page(name)
    const engine = await reloaded.open(id)
    expect(firstCall(engine)).toMatchObject({ status: 'awaiting-approval', args: { city: 'Tromsø' } })
    engine?.approve(firstCall(engine)?.id ?? '', config(tools))
    await poll(() => roles(engine)).toEqual(ANSWERED)
    await poll(() => engine?.store.getState().messages.at(-1)?.status).toBe('done')
    expect(engine?.store.getState().messages.at(-1)?.content).toContain('"temperature":9')
    expect(runs).toEqual(['Tromsø'])

    // Stored as ended: one more reload shows it done, and approving again runs nothing.
    await reloaded.flush()
    reloaded.dispose()
    const again = await page(name).open(id)
    expect(firstCall(again)?.status).toBe('done')
    expect(roles(again)).toEqual(ANSWERED)
    again?.approve(firstCall(again)?.id ?? '', config(tools))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(runs).toEqual(['Tromsø'])
  })

  it('runs a call approved in another tab once, in the tab that holds the answer', async () => {
    const name = freshName()
    const runsA: string[] = []
    const runsB: string[] = []
    const { tab: tabA, id } = await waitingThread(name, weather(runsA))
    const engineA = tabA.engine(id)
    const engineB = await page(name).open(id)
    expect(firstCall(engineB)?.status).toBe('awaiting-approval')
    const callId = firstCall(engineB)?.id ?? ''

    // Tab A received the answer and holds its lock: tab B's approval is posted to it.
    engineB?.approve(callId, config(weather(runsB)))
    await poll(() => roles(engineA)).toEqual(ANSWERED)
    // Tab B hears of tab A's saves (BroadcastChannel) and shows the same thread.
    await poll(() => roles(engineB)).toEqual(ANSWERED)
    await poll(() => firstCall(engineB)?.status).toBe('done')
    // Approving again, in either tab, runs nothing.
    engineA.approve(callId, config(weather(runsA)))
    engineB?.approve(callId, config(weather(runsB)))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(runsA).toEqual(['Tromsø'])
    expect(runsB).toEqual([])
  })

  it('runs a restored call once when two reloaded tabs approve it together (Web Locks)', async () => {
    const name = freshName()
    const runs: string[] = []
    const tools = weather(runs)
    const { tab, id } = await waitingThread(name, tools)
    tab.dispose()
    const [engineB, engineC] = await Promise.all([page(name).open(id), page(name).open(id)])
    const callId = firstCall(engineB)?.id ?? ''
    engineB?.approve(callId, config(tools))
    engineC?.approve(callId, config(tools))
    await poll(() => roles(engineB)).toEqual(ANSWERED)
    await poll(() => roles(engineC)).toEqual(ANSWERED)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(runs).toEqual(['Tromsø'])
    // One follow-up answer in the stored thread, not one per tab.
    const stored = await page(name).open(id)
    expect(
      stored?.store.getState().tree.nodes.filter((node) => node.message.role === 'assistant'),
    ).toHaveLength(2)
  })
})
