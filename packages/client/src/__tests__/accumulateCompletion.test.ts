import { describe, expect, it } from 'vitest'
import {
  accumulateCompletionChunk,
  accumulateCompletionChunks,
  toCompletionResponse,
} from '../accumulateCompletion.ts'
import { completionChunk } from './fixtures.ts'

describe('accumulateCompletionChunk', () => {
  it('concatenates text per choice, interleaved, with finish reasons and usage', () => {
    const usage = { prompt_tokens: 2, completion_tokens: 4, total_tokens: 6 }
    const state = accumulateCompletionChunks([
      completionChunk([{ index: 0, text: 'Once' }]),
      completionChunk([{ index: 1, text: 'Twice' }]),
      completionChunk([{ index: 0, text: ' upon', finish_reason: 'length' }]),
      completionChunk([{ index: 1, text: ' more', finish_reason: 'stop' }], { usage }),
    ])
    expect(toCompletionResponse(state)).toEqual({
      id: 'cmpl-1',
      object: 'text_completion',
      created: 1700000000,
      model: 'm',
      choices: [
        { index: 0, text: 'Once upon', finish_reason: 'length' },
        { index: 1, text: 'Twice more', finish_reason: 'stop' },
      ],
      usage,
    })
  })

  it('merges legacy logprobs field by field', () => {
    const state = accumulateCompletionChunks([
      completionChunk([
        { index: 0, text: 'a', logprobs: { tokens: ['a'], token_logprobs: [-1], text_offset: [0] } },
      ]),
      completionChunk([
        { index: 0, text: 'b', logprobs: { tokens: ['b'], token_logprobs: [-2], text_offset: [1] } },
      ]),
    ])
    expect(toCompletionResponse(state).choices[0]?.logprobs).toEqual({
      tokens: ['a', 'b'],
      token_logprobs: [-1, -2],
      top_logprobs: [],
      text_offset: [0, 1],
    })
  })

  it('keeps untouched choices identical between states', () => {
    const before = accumulateCompletionChunks([
      completionChunk([{ index: 0, text: 'a' }]),
      completionChunk([{ index: 1, text: 'b' }]),
    ])
    const after = accumulateCompletionChunk(before, completionChunk([{ index: 1, text: 'c' }]))
    expect(after.choices[0]).toBe(before.choices[0])
    expect(toCompletionResponse(before).choices[1]?.text).toBe('b')
    expect(toCompletionResponse(after).choices[1]?.text).toBe('bc')
  })
})
