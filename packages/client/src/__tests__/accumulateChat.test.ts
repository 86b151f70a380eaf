import { describe, expect, it } from 'vitest'
import {
  accumulateChatChunk,
  accumulateChatChunks,
  createChatAccumulator,
  toChatCompletionResponse,
} from '../accumulateChat.ts'
import { joinPieces } from '../pieces.ts'
import { chatChunk, delta } from './fixtures.ts'

describe('accumulateChatChunk', () => {
  it('builds the message from role and content deltas', () => {
    const state = accumulateChatChunks([
      delta(0, { role: 'assistant', content: '' }),
      delta(0, { content: 'Hel' }),
      delta(0, { content: 'lo' }),
      delta(0, {}, 'stop'),
    ])
    expect(toChatCompletionResponse(state)).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1700000000,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }],
    })
  })

  it('keeps reasoning_content apart from content', () => {
    const state = accumulateChatChunks([
      delta(0, { role: 'assistant', reasoning_content: 'Think' }),
      delta(0, { reasoning_content: 'ing.' }),
      delta(0, { content: 'Answer' }, 'stop'),
    ])
    const message = toChatCompletionResponse(state).choices[0]?.message
    expect(message?.reasoning_content).toBe('Thinking.')
    expect(message?.content).toBe('Answer')
  })

  it('merges tool call fragments by index and concatenates their arguments', () => {
    const state = accumulateChatChunks([
      delta(0, { role: 'assistant', content: null }),
      delta(0, {
        tool_calls: [
          { index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } },
        ],
      }),
      delta(0, { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      delta(0, {
        tool_calls: [
          { index: 0, function: { arguments: '"Paris"}' } },
          { index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      }),
      delta(0, {}, 'tool_calls'),
    ])
    const choice = toChatCompletionResponse(state).choices[0]
    expect(choice?.finish_reason).toBe('tool_calls')
    expect(choice?.message.content).toBeNull()
    expect(choice?.message.tool_calls).toEqual([
      { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } },
    ])
  })

  it('separates interleaved choices when n > 1', () => {
    const state = accumulateChatChunks([
      delta(1, { role: 'assistant', content: 'B' }),
      delta(0, { role: 'assistant', content: 'A' }),
      delta(1, { content: 'b' }, 'length'),
      delta(0, { content: 'a' }, 'stop'),
    ])
    const choices = toChatCompletionResponse(state).choices
    expect(choices.map((c) => [c.index, c.message.content, c.finish_reason])).toEqual([
      [0, 'Aa', 'stop'],
      [1, 'Bb', 'length'],
    ])
  })

  it('takes usage from a usage-only chunk with no choices', () => {
    const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 }
    const state = accumulateChatChunks([delta(0, { content: 'x' }, 'stop'), chatChunk([], { usage })])
    expect(toChatCompletionResponse(state).usage).toEqual(usage)
    expect(state.choices).toHaveLength(1)
  })

  it('accepts a first chunk with empty choices and empty envelope fields (Azure)', () => {
    const state = accumulateChatChunks([
      chatChunk([], { id: '', model: '', created: 0 }),
      chatChunk([{ index: 0, delta: { role: 'assistant', content: 'hi' }, finish_reason: null }], {
        id: 'real',
      }),
    ])
    const response = toChatCompletionResponse(state)
    expect(response.id).toBe('real')
    expect(response.choices[0]?.message.content).toBe('hi')
  })

  it('never modifies the previous state and keeps untouched choices identical', () => {
    const before = accumulateChatChunks([delta(0, { content: 'A' }), delta(1, { content: 'B' })])
    const snapshot = JSON.stringify(toChatCompletionResponse(before))
    const after = accumulateChatChunk(before, delta(1, { content: 'b' }))
    expect(JSON.stringify(toChatCompletionResponse(before))).toBe(snapshot)
    expect(after.choices[0]).toBe(before.choices[0])
    expect(after.choices[1]).not.toBe(before.choices[1])
    expect(joinPieces(after.choices[1]?.content)).toBe('Bb')
    const usageOnly = accumulateChatChunk(after, chatChunk([]))
    expect(usageOnly.choices).toBe(after.choices)
  })

  it('collects chat logprobs token by token', () => {
    const token = (t: string) => ({ token: t, logprob: -0.5, top_logprobs: [] })
    const state = accumulateChatChunks([
      chatChunk([{ index: 0, delta: { content: 'a' }, logprobs: { content: [token('a')] } }]),
      chatChunk([
        { index: 0, delta: { content: 'b' }, logprobs: { content: [token('b')] }, finish_reason: 'stop' },
      ]),
    ])
    expect(toChatCompletionResponse(state).choices[0]?.logprobs?.content?.map((t) => t.token)).toEqual([
      'a',
      'b',
    ])
  })

  it('starts from an empty response', () => {
    expect(toChatCompletionResponse(createChatAccumulator())).toMatchObject({ choices: [], id: '' })
  })

  it('costs time proportional to the delta: text so far is shared, never copied', () => {
    let state = accumulateChatChunks([
      delta(0, { role: 'assistant', content: 'a'.repeat(100_000), reasoning_content: 'r'.repeat(100_000) }),
      delta(0, {
        tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{'.repeat(100_000) } }],
      }),
    ])
    for (let i = 0; i < 1_000; i++) {
      const before = state.choices[0]
      state = accumulateChatChunk(
        state,
        delta(0, {
          content: 'x',
          reasoning_content: 'y',
          tool_calls: [{ index: 0, function: { arguments: 'z' } }],
        }),
      )
      const after = state.choices[0]
      // Each step adds one node pointing at the previous text: O(1) whatever the length so far.
      const previousOf = (list: unknown) => (list as { previous?: unknown } | undefined)?.previous
      expect(previousOf(after?.content)).toBe(before?.content)
      expect(previousOf(after?.reasoning)).toBe(before?.reasoning)
      expect(previousOf(after?.toolCalls[0]?.arguments)).toBe(before?.toolCalls[0]?.arguments)
    }
    const message = toChatCompletionResponse(state).choices[0]?.message
    expect(message?.content).toHaveLength(101_000)
    expect(message?.tool_calls?.[0]?.function.arguments).toHaveLength(101_000)
  })

  it('accumulates a long stream quickly', () => {
    const piece = delta(0, { content: 'token ' })
    let state = createChatAccumulator()
    const start = performance.now()
    for (let i = 0; i < 100_000; i++) state = accumulateChatChunk(state, piece)
    expect(joinPieces(state.choices[0]?.content)).toHaveLength(600_000)
    // Linear work is a few tens of ms here; quadratic copying would take minutes.
    expect(performance.now() - start).toBeLessThan(5_000)
  })
})
