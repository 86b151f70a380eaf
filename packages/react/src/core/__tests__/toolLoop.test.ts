import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { faultHeaders, startPeer } from '../../__tests__/peer.ts'
import { type ChatEngine, createChatEngine } from '../chatEngine.ts'
import type { ChatRequestConfig } from '../requestRunner.ts'
import { selectToolCalls } from '../selectToolCalls.ts'
import type { ToolCallView } from '../toolRunner.ts'
import { defineTool, type ToolSet } from '../tools.ts'

const peer = startPeer()

const config = (tools: ToolSet, extra: Partial<ChatRequestConfig> = {}): ChatRequestConfig => ({
  client: peer.client(),
  model: 'kindling-tools',
  batchInterval: 0,
  tools,
  ...extra,
})

const roles = (engine: ChatEngine) => engine.store.getState().messages.map((message) => message.role)
const last = (engine: ChatEngine) => engine.store.getState().messages.at(-1)
const toolMessages = (engine: ChatEngine) =>
  engine.store.getState().messages.filter((message) => message.role === 'tool')

/** Resolves once a tool call reaches `status` (read from the store as it changes). */
function whenCall(engine: ChatEngine, status: ToolCallView['status']): Promise<ToolCallView> {
  return new Promise((resolve) => {
    const check = () => {
      for (const view of engine.store.getState().toolCalls.values()) {
        if (view.status === status) {
          unsubscribe()
          resolve(view)
          return true
        }
      }
      return false
    }
    const unsubscribe = engine.store.subscribe(() => void check())
    check()
  })
}

const weather = (calls: unknown[]) =>
  defineTool({
    description: 'The weather in a city',
    parameters: z.object({ city: z.string() }),
    execute: ({ city }) => {
      calls.push(city)
      return { city, temperature: 21 }
    },
  })

describe('the tool loop', () => {
  it('runs a tool and answers with its result (two requests)', async () => {
    const engine = createChatEngine()
    const cities: unknown[] = []
    await engine.send('What is the weather in Lisbon?', config({ get_weather: weather(cities) }))
    expect(cities).toEqual(['Lisbon'])
    expect(roles(engine)).toEqual(['user', 'assistant', 'tool', 'assistant'])
    const [, call, result, answer] = engine.store.getState().messages
    expect(call?.tool_calls?.[0]?.function.name).toBe('get_weather')
    expect(result?.tool_call_id).toBe(call?.tool_calls?.[0]?.id)
    expect(JSON.parse(result?.content ?? '')).toEqual({ city: 'Lisbon', temperature: 21 })
    expect(answer?.content).toContain('"temperature":21')
    expect(answer?.tool_calls).toBeUndefined()
    const state = engine.store.getState()
    if (!call) throw new Error('no call')
    expect(selectToolCalls(state, call)[0]).toMatchObject({
      status: 'done',
      args: { city: 'Lisbon' },
    })
    expect(state.status).toBe('ready')
  })

  it('runs parallel calls concurrently and appends their results in call order', async () => {
    const engine = createChatEngine()
    let running = 0
    let most = 0
    const finished: string[] = []
    const slow = (name: string, ms: number) =>
      defineTool({
        parameters: z.object({ city: z.string() }),
        execute: async () => {
          running += 1
          most = Math.max(most, running)
          await new Promise((resolve) => setTimeout(resolve, ms))
          running -= 1
          finished.push(name)
          return { from: name }
        },
      })
    await engine.send(
      'What is the weather and the time in Lisbon?',
      config({ get_weather: slow('get_weather', 60), get_time: slow('get_time', 5) }),
    )
    expect(most).toBe(2)
    expect(finished).toEqual(['get_time', 'get_weather'])
    const call = engine.store.getState().messages[1]
    expect(call?.tool_calls?.map((c) => c.function.name)).toEqual(['get_weather', 'get_time'])
    expect(toolMessages(engine).map((m) => [m.name, m.tool_call_id])).toEqual(
      call?.tool_calls?.map((c) => [c.function.name, c.id]),
    )
    expect(last(engine)?.role).toBe('assistant')
  })

  it('pauses at maxSteps with a visible state, and continue() goes on', async () => {
    const engine = createChatEngine()
    const cities: unknown[] = []
    const forever = config(
      { get_weather: weather(cities) },
      { maxSteps: 2, params: { tool_choice: 'required' } },
    )
    await engine.send('Weather in Rome?', forever)
    // The user's request and two automatic ones: three answers with calls, three runs.
    expect(cities).toHaveLength(3)
    expect(engine.store.getState().toolLoop).toEqual({ stoppedAt: 'max-steps', steps: 2 })
    expect(last(engine)?.role).toBe('tool')
    expect(engine.store.getState().status).toBe('ready')
    await engine.continue(forever)
    expect(cities).toHaveLength(6)
    expect(engine.store.getState().toolLoop).toEqual({ stoppedAt: 'max-steps', steps: 2 })
    // A new user turn clears the paused state.
    await engine.send('Thanks', { ...forever, params: {}, tools: undefined })
    expect(engine.store.getState().toolLoop).toBeUndefined()
  })

  it('waits for approval: approve runs the tool, deny tells the model', async () => {
    const engine = createChatEngine()
    const runs: unknown[] = []
    const tools = { get_weather: { ...weather(runs), needsApproval: true } }
    const approved = engine.send('Weather in Oslo?', config(tools))
    const waiting = await whenCall(engine, 'awaiting-approval')
    expect(waiting.args).toEqual({ city: 'Oslo' })
    expect(runs).toEqual([])
    engine.approve(waiting.id)
    await approved
    expect(runs).toEqual(['Oslo'])
    expect(roles(engine).slice(-2)).toEqual(['tool', 'assistant'])

    const denied = engine.send('Weather in Bergen?', config(tools))
    const second = await whenCall(engine, 'awaiting-approval')
    engine.deny(second.id)
    await denied
    expect(runs).toEqual(['Oslo'])
    const result = toolMessages(engine).at(-1)
    expect(JSON.parse(result?.content ?? '')).toEqual({ error: 'Denied by the user.' })
    expect(engine.store.getState().toolCalls.get(second.id)?.status).toBe('denied')
    expect(last(engine)?.content).toContain('Denied by the user')
  })

  it('stop() aborts a running tool (its signal fires) and nothing runs after', async () => {
    const engine = createChatEngine()
    let signal: AbortSignal | undefined
    let runs = 0
    const tools = {
      get_weather: defineTool({
        parameters: z.object({ city: z.string() }),
        execute: (_args, context) => {
          runs += 1
          signal = context.signal
          return new Promise((_resolve, reject) =>
            context.signal.addEventListener('abort', () => reject(new Error('aborted'))),
          )
        },
      }),
    }
    const sent = engine.send('Weather in Paris?', config(tools))
    await whenCall(engine, 'running')
    engine.stop()
    await sent
    expect(signal?.aborted).toBe(true)
    const result = last(engine)
    expect(result?.role).toBe('tool')
    expect(JSON.parse(result?.content ?? '').error).toMatch(/Stopped/)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(last(engine)).toBe(result)
    expect(runs).toBe(1)
    expect(engine.store.getState().status).toBe('ready')
  })

  it('turns malformed arguments into an error result the model reads, without running the tool', async () => {
    for (const fault of ['badargs', 'badargs=schema']) {
      const engine = createChatEngine()
      const runs: unknown[] = []
      await engine.send(
        'Weather in Rome?',
        config({ get_weather: weather(runs) }, { requestOptions: { headers: faultHeaders(fault) } }),
      )
      expect(runs).toEqual([])
      const error = JSON.parse(toolMessages(engine)[0]?.content ?? '').error
      expect(error).toMatch(fault === 'badargs' ? /not valid JSON/ : /do not match the tool's schema/)
      expect(roles(engine)).toEqual(['user', 'assistant', 'tool', 'assistant'])
      expect(last(engine)?.content).toContain('get_weather failed')
    }
  })

  it('stops malformed arguments under required tool_choice at the step cap', async () => {
    const engine = createChatEngine()
    await engine.send(
      'Weather in Rome?',
      config(
        { get_weather: weather([]) },
        {
          maxSteps: 1,
          params: { tool_choice: 'required' },
          requestOptions: { headers: faultHeaders('badargs') },
        },
      ),
    )
    expect(engine.store.getState().toolLoop?.stoppedAt).toBe('max-steps')
    expect(toolMessages(engine)).toHaveLength(2)
  })

  it('gives a throwing tool an error result', async () => {
    const engine = createChatEngine()
    const tools = {
      get_weather: defineTool({
        parameters: z.object({ city: z.string() }),
        execute: () => {
          throw new Error('the weather service is down')
        },
      }),
    }
    await engine.send('Weather in Rome?', config(tools))
    expect(JSON.parse(toolMessages(engine)[0]?.content ?? '')).toEqual({
      error: 'the weather service is down',
    })
    expect(last(engine)?.content).toContain('the weather service is down')
  })

  it('takes the result of a tool without execute from addToolResult', async () => {
    const engine = createChatEngine()
    const tools: ToolSet = {
      ask_user: {
        description: 'Ask the user a question',
        parameters: { type: 'object', properties: { question: { type: 'string' } }, required: ['question'] },
      },
    }
    const sent = engine.send('Please ask_user something', config(tools))
    const waiting = await whenCall(engine, 'awaiting-result')
    expect(waiting.args).toMatchObject({ question: expect.any(String) })
    engine.addToolResult(waiting.id, { answer: 'blue' })
    await sent
    expect(JSON.parse(toolMessages(engine)[0]?.content ?? '')).toEqual({ answer: 'blue' })
    expect(last(engine)?.content).toContain('"answer":"blue"')
  })

  it('sends the declarations as JSON Schema unless params.tools is given', async () => {
    const bodies: Record<string, unknown>[] = []
    const client = peer.client({
      fetch: (input, init) => {
        if (typeof init?.body === 'string') bodies.push(JSON.parse(init.body))
        return fetch(input, init)
      },
    })
    const engine = createChatEngine()
    await engine.send('Weather in Rome?', config({ get_weather: weather([]) }, { client }))
    expect(bodies[0]?.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'The weather in a city',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
            additionalProperties: false,
          },
        },
      },
    ])
    expect(bodies).toHaveLength(2)
  })

  it('shows each call state as it goes: partial arguments while they stream, then running, then done', async () => {
    const engine = createChatEngine()
    const seen: string[] = []
    const partials: unknown[] = []
    engine.store.subscribe((state) => {
      const call = state.messages[1]
      if (!call?.tool_calls?.length) return
      const view = selectToolCalls(state, call)[0]
      if (!view) return
      if (seen.at(-1) !== view.status) seen.push(view.status)
      if (view.status === 'streaming-arguments') partials.push(structuredClone(view.args))
    })
    await engine.send(
      'What is the weather in Lisbon?',
      config({ get_weather: weather([]) }, { requestOptions: { headers: faultHeaders(undefined, 2) } }),
    )
    expect(seen).toEqual(['streaming-arguments', 'running', 'done'])
    expect(partials).toContainEqual({ city: 'Lisbon' })
    expect(partials.some((args) => JSON.stringify(args) !== JSON.stringify({ city: 'Lisbon' }))).toBe(true)
  })
})
