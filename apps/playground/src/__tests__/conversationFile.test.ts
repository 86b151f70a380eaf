import { APIConnectionError } from '@kindling/client'
import type { ChatUIMessage } from '@kindling/react'
import { describe, expect, it } from 'vitest'
import { exportConversation, importConversation, toStoredMessages } from '../conversationFile.ts'

const messages: ChatUIMessage[] = [
  { id: 'u1', role: 'user', content: 'Hello', status: 'done' },
  {
    id: 'a1',
    role: 'assistant',
    content: 'Partial ans',
    status: 'error',
    error: new APIConnectionError({ message: 'connection cut' }),
    reasoning_content: 'thinking',
    usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
  },
  { id: 'a2', role: 'assistant', content: 'still going', status: 'streaming' },
]

describe('conversation files', () => {
  it('round-trips messages, keeping the error as name and message', () => {
    const result = importConversation(exportConversation(messages))
    if (!result.ok) throw new Error(result.problem)
    expect(result.messages.map((m) => [m.id, m.role, m.content, m.status])).toEqual([
      ['u1', 'user', 'Hello', 'done'],
      ['a1', 'assistant', 'Partial ans', 'error'],
      ['a2', 'assistant', 'still going', 'stopped'],
    ])
    expect(result.messages[1]?.error?.message).toBe('connection cut')
    expect(result.messages[1]?.error?.name).toBe('APIConnectionError')
    expect(result.messages[1]?.usage?.total_tokens).toBe(5)
    expect(result.messages[1]?.reasoning_content).toBe('thinking')
  })

  it('saves an answer that is still streaming as stopped', () => {
    expect(toStoredMessages(messages)[2]?.status).toBe('stopped')
  })

  it('says the file is not JSON instead of throwing', () => {
    const result = importConversation('{"kindling": "conversation", ')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem).toMatch(/not JSON/)
  })

  it('names the field that makes a JSON file not a conversation', () => {
    const file = JSON.parse(exportConversation(messages))
    file.messages[1].role = 'robot'
    const result = importConversation(JSON.stringify(file))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem).toContain('messages.1.role')
  })

  it('refuses JSON from something else', () => {
    const result = importConversation('[1, 2, 3]')
    expect(result.ok).toBe(false)
  })
})
