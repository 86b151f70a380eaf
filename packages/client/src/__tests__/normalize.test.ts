import { describe, expect, it } from 'vitest'
import { normalizeChatChunk, normalizeChatResponse, normalizeCompletion } from '../normalize.ts'

// What the client fills in on an accepted response (the leniency rules of the README).

describe('normalize', () => {
  it('gives a choice without index its position, in chunks and whole responses alike', () => {
    const completion = normalizeCompletion({
      choices: [{ text: 'a' }, { text: 'b' }, { index: 7, text: 'c' }],
    })
    expect(completion.choices.map((choice) => choice.index)).toEqual([0, 1, 7])
    const chat = normalizeChatResponse({ choices: [{ message: { role: 'assistant', content: 'x' } }] })
    expect(chat.choices[0]?.index).toBe(0)
  })

  it('gives a chunk choice without delta an empty one', () => {
    const chunk = normalizeChatChunk({ choices: [{ index: 0, finish_reason: 'stop' }] })
    expect(chunk.choices[0]?.delta).toEqual({})
  })

  it('reads `reasoning` as `reasoning_content`, which wins when both are sent', () => {
    const chunk = normalizeChatChunk({
      choices: [
        { index: 0, delta: { reasoning: 'r' } },
        { index: 1, delta: { reasoning: 'r', reasoning_content: 'rc' } },
        { index: 2, delta: { reasoning: { effort: 'high' } } },
      ],
    })
    expect(chunk.choices.map((choice) => choice.delta.reasoning_content)).toEqual(['r', 'rc', undefined])
    const response = normalizeChatResponse({
      choices: [
        { index: 0, message: { role: 'assistant', content: '', reasoning: 'why', reasoning_content: null } },
      ],
    })
    expect(response.choices[0]?.message.reasoning_content).toBe('why')
  })
})
