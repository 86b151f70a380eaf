import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_WORK_LIMITS, serverOptionsFromEnv } from '../index.ts'
import { post, serve, user } from './helpers.ts'
import { HOSTILE_RUNS, HOSTILE_TIMEOUT, recordingUpstream } from './hostile.ts'

// One small request must not take the server down (issue 20 §2): the built-in models plan a whole
// answer before sending it, so choices, tokens, tool arguments and delays are bounded per request,
// each with a clear 4xx naming the limit, and the server answers normally afterwards.

const figures: string[] = []
afterAll(() => {
  console.log(`[reliability] work limits: ${figures.join('; ')}`)
})

const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i % 97}`).join(' ')

async function limitError(response: Response, status: number, limit: string) {
  expect(response.status).toBe(status)
  const { error } = await response.json()
  expect(error.code).toBe('limit_exceeded')
  expect(error.message).toContain(limit)
  return error
}

async function stillAnswers(server: Awaited<ReturnType<typeof serve>>) {
  const response = await post(server, '/v1/chat/completions', {
    model: 'kindling-echo',
    messages: [user('ok')],
  })
  expect(response.status).toBe(200)
  expect((await response.json()).choices[0].message.content).toBe('ok')
}

describe('the shapes from the issue', { timeout: HOSTILE_TIMEOUT }, () => {
  it('refuses 8,000 prompts × n 128 (32 KB asking for a million choices) with a 400 naming maxChoices', async () => {
    const server = await serve()
    const prompts = Array.from({ length: 8000 }, (_, i) => `p${i % 10}`)
    const response = await post(server, '/v1/completions', {
      model: 'kindling-echo',
      prompt: prompts,
      n: 128,
    })
    const error = await limitError(response, 400, 'maxChoices')
    expect(error.param).toBe('n')
    expect(error.message).toContain('1,024,000 choices')
    await stillAnswers(server)
    figures.push('8,000 prompts × n 128 → 400')
  })

  it('refuses long text × 200 schema properties × n 128 with a 413 naming maxToolArgumentBytes', async () => {
    const server = await serve()
    const properties = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`p${i}`, { type: 'string' }]),
    )
    const response = await post(server, '/v1/chat/completions', {
      model: 'kindling-tools',
      n: 128,
      messages: [user(words(4000))],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties } } }],
    })
    const error = await limitError(response, 413, 'maxToolArgumentBytes')
    expect(error.param).toBe('tools')
    await stillAnswers(server)
    figures.push('long text × 200 properties × n 128 → 413')
  })

  it('refuses 1,000 prompts × n 128 streamed with the same clear 400, not a 500', async () => {
    const server = await serve()
    const prompt = Array.from({ length: 1000 }, () => 'hello')
    const response = await post(server, '/v1/completions', {
      model: 'kindling-text',
      prompt,
      n: 128,
      stream: true,
    })
    await limitError(response, 400, 'maxChoices')
    await stillAnswers(server)
    figures.push('1,000 prompts × n 128 streamed → 400')
  })

  it('refuses a huge delay, from the header or the fault, naming maxDelayMs or maxTotalDelayMs', async () => {
    const server = await serve()
    const chat = { model: 'kindling-text', stream: true, messages: [user('hi')] }
    const header = await post(server, '/v1/chat/completions', chat, {
      'x-kindling-delay': String(86_400_000),
    })
    expect((await limitError(header, 400, 'maxDelayMs')).param).toBe('x-kindling-delay')
    const fault = await post(server, '/v1/chat/completions', {
      ...chat,
      model: 'kindling-text+delay=999999999',
    })
    expect((await limitError(fault, 400, 'maxDelayMs')).param).toBe('delay')
    const faultHeader = await post(server, '/v1/chat/completions', chat, {
      'x-kindling-fault': 'delay=20000',
    })
    await limitError(faultHeader, 400, 'maxDelayMs')
    // Within the per-chunk cap but long in total: 9 s before each of hundreds of chunks.
    const total = await post(
      server,
      '/v1/chat/completions',
      { ...chat, model: 'kindling-echo', messages: [user(words(200))] },
      { 'x-kindling-delay': '9000' },
    )
    await limitError(total, 400, 'maxTotalDelayMs')
    // The server's own delay is configuration, not a request: it is not capped.
    const configured = await serve({ delayMs: 0, limits: { maxDelayMs: 0 } })
    expect((await post(configured, '/v1/chat/completions', chat)).status).toBe(200)
    await stillAnswers(server)
    figures.push('delays of a day, 11 days and 9 s × 400 chunks → 400')
  })
})

describe('bounds on planned tokens', { timeout: HOSTILE_TIMEOUT }, () => {
  it('refuses an echo that would pass maxAnswerTokens, counting every choice', async () => {
    const server = await serve()
    const response = await post(server, '/v1/chat/completions', {
      model: 'kindling-echo',
      n: 128,
      messages: [user(words(1000))],
    })
    await limitError(response, 413, 'maxAnswerTokens')
    const echoed = await post(server, '/v1/completions', {
      model: 'kindling-text',
      prompt: Array.from({ length: 100 }, () => words(2000)),
      echo: true,
    })
    await limitError(echoed, 413, 'maxAnswerTokens')
    await stillAnswers(server)
  })

  it('counts logprobs alternatives as tokens', async () => {
    const server = await serve({ limits: { maxAnswerTokens: 1000 } })
    const request = { model: 'kindling-echo', messages: [user(words(100))], logprobs: true }
    expect((await post(server, '/v1/chat/completions', request)).status).toBe(200)
    const error = await limitError(
      await post(server, '/v1/chat/completions', { ...request, top_logprobs: 20 }),
      413,
      'maxAnswerTokens',
    )
    expect(error.message).toContain('logprobs')
  })

  it('answers 400 exactly when prompts × n passes maxChoices, for any mix', async () => {
    const server = await serve({ limits: { maxChoices: 40 } })
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        async (prompts, n, stream) => {
          const response = await post(server, '/v1/completions', {
            model: 'kindling-text',
            prompt: Array.from({ length: prompts }, (_, i) => `prompt ${i}`),
            n,
            max_tokens: 2,
            stream,
          })
          expect(response.status).toBe(prompts * n > 40 ? 400 : 200)
          await response.body?.cancel()
        },
      ),
      { numRuns: HOSTILE_RUNS },
    )
  })

  it('answers a tool schema nested thousands deep without recursing into it', async () => {
    const server = await serve()
    // Written out, since JSON.stringify itself would overflow the stack on it.
    const depth = 5000
    const schema = `${'{"type":"object","properties":{"x":'.repeat(depth)}{"type":"string"}${'}}'.repeat(depth)}`
    const body = `{"model":"kindling-tools","messages":[{"role":"user","content":"deep"}],"tools":[{"type":"function","function":{"name":"deep","parameters":${schema}}}]}`
    const response = await post(server, '/v1/chat/completions', body)
    expect(response.status).toBe(200)
    const call = (await response.json()).choices[0].message.tool_calls[0]
    expect(call.function.arguments.length).toBeLessThan(1000)
    // An enum whose first value is nested 200,000 deep: JSON.parse takes it, JSON.stringify would not.
    const nested = `${'['.repeat(200_000)}${']'.repeat(200_000)}`
    const enumBody = `{"model":"kindling-tools","messages":[{"role":"user","content":"deep"}],"tools":[{"type":"function","function":{"name":"e","parameters":{"type":"object","properties":{"x":{"type":"string","enum":[${nested}]}}}}}]}`
    const enumResponse = await post(server, '/v1/chat/completions', enumBody)
    expect(enumResponse.status).toBe(200)
    expect(
      JSON.parse((await enumResponse.json()).choices[0].message.tool_calls[0].function.arguments),
    ).toEqual({
      x: 'deep',
    })
  })
})

describe('streams per client and built-ins', { timeout: HOSTILE_TIMEOUT }, () => {
  it('counts built-in streams against the per-client cap', async () => {
    const server = await serve({ maxUpstreamStreamsPerClient: 2 })
    const controllers: AbortController[] = []
    const open = async () => {
      const controller = new AbortController()
      controllers.push(controller)
      const response = await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'kindling-text+stall=1', stream: true, messages: [user('hi')] }),
        signal: controller.signal,
      })
      if (response.ok) await (response.body as ReadableStream<Uint8Array>).getReader().read()
      return response
    }
    expect((await open()).status).toBe(200)
    expect((await open()).status).toBe(200)
    const refused = await open()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('1')
    // A whole (not streamed) answer holds nothing open: still served.
    await stillAnswers(server)
    const ended = server.streams.waitForStreamEnd()
    controllers[0]?.abort()
    await ended
    expect((await open()).status).toBe(200)
    for (const controller of controllers) controller.abort()
  })

  it('serves no built-in models with builtins: false, forwarding every model upstream', async () => {
    const upstream = await recordingUpstream()
    const server = await serve({ upstream: { url: upstream.url, apiKey: 'k' }, builtins: false })
    const models = await (await fetch(`${server.url}/v1/models`)).json()
    expect(models.data).toEqual([])
    const response = await post(server, '/v1/chat/completions', {
      model: 'kindling-echo+cut=1',
      messages: [user('hi')],
    })
    expect(response.status).toBe(200)
    expect(JSON.parse(upstream.seen.at(-1)?.body ?? '{}').model).toBe('kindling-echo+cut=1')
  })

  it('reads the limits, allowed hosts and no-builtins from the environment', () => {
    expect(
      serverOptionsFromEnv({
        KINDLING_MAX_CHOICES: '16',
        KINDLING_MAX_ANSWER_TOKENS: '5000',
        KINDLING_MAX_TOOL_ARGUMENT_BYTES: '1024',
        KINDLING_MAX_DELAY_MS: '100',
        KINDLING_MAX_TOTAL_DELAY_MS: '1000',
        KINDLING_ALLOWED_HOSTS: 'a.test, .b.test',
        KINDLING_NO_BUILTINS: '1',
      }),
    ).toEqual({
      limits: {
        maxChoices: 16,
        maxAnswerTokens: 5000,
        maxToolArgumentBytes: 1024,
        maxDelayMs: 100,
        maxTotalDelayMs: 1000,
      },
      allowedHosts: ['a.test', '.b.test'],
      builtins: false,
    })
    expect(serverOptionsFromEnv({ KINDLING_ALLOWED_HOSTS: '*' }).allowedHosts).toBe(true)
    expect(() => serverOptionsFromEnv({ KINDLING_MAX_CHOICES: 'lots' })).toThrow(/KINDLING_MAX_CHOICES/)
    expect(DEFAULT_WORK_LIMITS).toEqual({
      maxChoices: 128,
      maxAnswerTokens: 50_000,
      maxToolArgumentBytes: 262_144,
      maxDelayMs: 10_000,
      maxTotalDelayMs: 300_000,
    })
  })
})
