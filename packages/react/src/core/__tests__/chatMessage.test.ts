import { describe, expect, it } from 'vitest'
import { type ChatUIMessage, toRequestMessages, UNANSWERED_TOOL_CALL_RESULT } from '../chatMessage.ts'

const user = (id: string, content: string): ChatUIMessage => ({ id, role: 'user', content, status: 'done' })
const call = (id: string, name = 'get_weather') => ({
  id,
  type: 'function' as const,
  function: { name, arguments: '{}' },
})
const toolCalls = (id: string, ...callIds: string[]): ChatUIMessage => ({
  id,
  role: 'assistant',
  content: '',
  tool_calls: callIds.map((callId) => call(callId)),
  status: 'done',
})
const result = (id: string, callId: string): ChatUIMessage => ({
  id,
  role: 'tool',
  content: '"sunny"',
  tool_call_id: callId,
  status: 'done',
})

describe('toRequestMessages', () => {
  it('sends answered tool calls as they are', () => {
    const wire = toRequestMessages([
      user('u1', 'Weather?'),
      toolCalls('a1', 'c1', 'c2'),
      result('t1', 'c1'),
      result('t2', 'c2'),
    ])
    expect(wire.map((m) => [m.role, m.tool_call_id])).toEqual([
      ['user', undefined],
      ['assistant', undefined],
      ['tool', 'c1'],
      ['tool', 'c2'],
    ])
    expect(wire[1]?.content).toBeNull()
  })

  it('gives a call left without a result an error result before the next user message', () => {
    const wire = toRequestMessages([
      user('u1', 'Weather?'),
      toolCalls('a1', 'c1', 'c2'),
      result('t1', 'c2'),
      user('u2', 'Never mind'),
    ])
    expect(wire.map((m) => [m.role, m.tool_call_id, m.content])).toEqual([
      ['user', undefined, 'Weather?'],
      ['assistant', undefined, null],
      ['tool', 'c2', '"sunny"'],
      ['tool', 'c1', UNANSWERED_TOOL_CALL_RESULT],
      ['user', undefined, 'Never mind'],
    ])
  })

  it('answers calls still pending at the end of the path', () => {
    const wire = toRequestMessages([user('u1', 'Weather?'), toolCalls('a1', 'c1')])
    expect(wire.at(-1)).toEqual({ role: 'tool', tool_call_id: 'c1', content: UNANSWERED_TOOL_CALL_RESULT })
  })

  it('still skips empty answers without tool calls', () => {
    const empty: ChatUIMessage = { id: 'a0', role: 'assistant', content: '', status: 'error' }
    expect(toRequestMessages([user('u1', 'Hi'), empty, user('u2', 'Again')]).map((m) => m.content)).toEqual([
      'Hi',
      'Again',
    ])
  })
})
