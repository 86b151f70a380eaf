import { createClient } from '@kindling/client'
import { useObjectCompletion } from '@kindling/react'
import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createReplayFetch } from '../stories/live/replayFetch.ts'
import { RECIPE_PROMPT, Recipe } from '../stories/recipeSchema.ts'

// The static Storybook has no server: its replay must answer a request for JSON with the recorded
// structured answer (and a plain request never with it), so the recipe story works offline too.

const replay = createReplayFetch({ delayMs: 0 })
const client = createClient({ baseURL: 'http://replay.invalid/v1', apiKey: null, fetch: replay })

describe('the replay of recorded streams', () => {
  it('answers a request for JSON with the recorded recipe, valid for the schema', async () => {
    const { result } = renderHook(() =>
      useObjectCompletion({
        client,
        model: 'kindling-text',
        schema: Recipe,
        name: 'recipe',
        batchInterval: 0,
      }),
    )
    await act(() => result.current.submit(RECIPE_PROMPT))
    expect(result.current.error).toBeUndefined()
    expect(result.current.object?.title).toBe('Tomato Basil Pasta')
  })

  it('answers a plain request with prose', async () => {
    const stream = await client.chatCompletion.create('kindling-text', [{ role: 'user', content: 'Hi' }], {
      stream: true,
    })
    const answer = await stream.finalResponse()
    const content = String(answer.choices[0]?.message.content ?? '')
    expect(content.length).toBeGreaterThan(0)
    expect(content.trim().startsWith('{')).toBe(false)
  })
})
