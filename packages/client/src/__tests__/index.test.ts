import { describe, expect, it } from 'vitest'
import { DEFAULT_BASE_URL } from '../index.ts'

describe('@kindling/client entry', () => {
  it('points at the Fireworks inference API by default', () => {
    expect(new URL(DEFAULT_BASE_URL).pathname).toBe('/inference/v1')
  })
})
