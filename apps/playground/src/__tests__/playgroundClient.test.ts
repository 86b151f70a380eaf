import { describe, expect, it } from 'vitest'
import { isSameOrigin } from '../playgroundClient.ts'

describe('the playground client asks for resumable answers on its own origin only', () => {
  const origin = 'http://localhost:5173'

  it('counts the page’s own server, by absolute or relative URL', () => {
    expect(isSameOrigin('http://localhost:5173/v1', origin)).toBe(true)
    expect(isSameOrigin('/v1', origin)).toBe(true)
  })

  it('leaves other servers alone (the resumable header would need a CORS preflight there)', () => {
    expect(isSameOrigin('http://127.0.0.1:8787/v1', origin)).toBe(false)
    expect(isSameOrigin('https://api.fireworks.ai/inference/v1', origin)).toBe(false)
    expect(isSameOrigin('http://localhost:5174/v1', origin)).toBe(false)
    expect(isSameOrigin('http://[bad', origin)).toBe(false)
  })
})
