import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClient } from '@kindling/client'
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageStats } from '../core/messageStats.ts'
import { KindlingProvider } from '../KindlingProvider.tsx'
import { useChatCompletion } from '../useChatCompletion.ts'

// A Fireworks-like server on 127.0.0.1: its time to first token (a response header, then the last
// chunk's `perf_metrics`) reaches the message's stats next to the time measured here.

const chunk = (delta: object, extra: object = {}) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta }], ...extra })}\n\n`

const server = createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'fireworks-server-time-to-first-token': '0.2',
  })
  response.write(chunk({ role: 'assistant', content: 'Hi' }))
  response.end(
    `${chunk({}, { usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }, perf_metrics: { 'server-time-to-first-token': '0.125' } })}data: [DONE]\n\n`,
  )
})
let baseURL = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('useChatCompletion: server timing', () => {
  it("puts the server's time to first token next to the measured one", async () => {
    const client = createClient({ baseURL, apiKey: null, maxRetries: 0 })
    const wrapper = ({ children }: { children: ReactNode }) => (
      <KindlingProvider client={client}>{children}</KindlingProvider>
    )
    const { result } = renderHook(() => useChatCompletion({ model: 'm', batchInterval: 0 }), { wrapper })
    await act(() => result.current.send('Hello'))
    const answer = result.current.messages[1]
    expect(answer?.status).toBe('done')
    const stats = messageStats(answer as NonNullable<typeof answer>)
    expect(stats.serverTimeToFirstToken).toBe(125)
    expect(stats.timeToFirstToken).toBeGreaterThanOrEqual(0)
  })
})
