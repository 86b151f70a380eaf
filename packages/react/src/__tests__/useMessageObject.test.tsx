import { StructuredOutputError } from '@kindling/client'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { toResponseFormat } from '../core/objectSchema.ts'
import { defineTool } from '../core/tools.ts'
import { KindlingProvider } from '../KindlingProvider.tsx'
import { useChatCompletion } from '../useChatCompletion.ts'
import { useMessageObject } from '../useMessageObject.ts'
import { useToolCalls } from '../useToolCalls.ts'
import { faultHeaders, startPeer } from './peer.ts'

// The partial-object view of a chat answer asked for with response_format, and of tool-call
// arguments while they stream, against the real server.

const peer = startPeer()

const Profile = z.object({
  name: z.string(),
  role: z.enum(['admin', 'editor', 'viewer']),
  skills: z
    .array(z.object({ label: z.string(), years: z.int().min(0).max(40) }))
    .min(2)
    .max(5),
})

function wrapperFor() {
  const client = peer.client()
  return ({ children }: { children: ReactNode }) => (
    <KindlingProvider client={client}>{children}</KindlingProvider>
  )
}

describe('useMessageObject', () => {
  it('gives the partial object of a streaming answer, then the checked object', async () => {
    const seen: unknown[] = []
    const { result } = renderHook(
      () => {
        const chat = useChatCompletion({
          id: 'profile-chat',
          model: 'kindling-text',
          batchInterval: 0,
          params: { seed: 11, response_format: toResponseFormat(Profile, { name: 'profile' }) },
          requestOptions: { headers: faultHeaders(undefined, 2) },
        })
        const answer = chat.messages[1]
        const view = useMessageObject('profile-chat', answer?.id ?? '', Profile)
        return { chat, view }
      },
      { wrapper: wrapperFor() },
    )
    let sending!: Promise<void>
    act(() => {
      sending = result.current.chat.send('Describe a user')
    })
    await waitFor(
      () => {
        if (result.current.view.partial !== seen.at(-1)) seen.push(result.current.view.partial)
        expect(result.current.chat.status).toBe('ready')
      },
      { interval: 2 },
    )
    await act(() => sending)
    const { view, chat } = result.current
    const content = chat.messages[1]?.content ?? ''
    expect(view.error).toBeUndefined()
    expect(view.object).toEqual(Profile.parse(JSON.parse(content)))
    expect(view.partial).toEqual(JSON.parse(content))
    const partials = seen.filter((value) => value !== undefined && value !== view.partial)
    expect(partials.length).toBeGreaterThan(2)
    // Each partial is a snapshot: an early one is smaller than the whole.
    expect(JSON.stringify(partials[0]).length).toBeLessThan(content.length)
  })

  it('a done answer the schema rejects gives a typed error keeping the content', async () => {
    const Stricter = Profile.extend({ name: z.string().refine((name) => name === 'Ada', 'must be "Ada"') })
    const { result } = renderHook(
      () => {
        const chat = useChatCompletion({
          id: 'stricter-chat',
          model: 'kindling-text',
          batchInterval: 0,
          params: { seed: 3, response_format: toResponseFormat(Profile) },
        })
        return { chat, view: useMessageObject('stricter-chat', chat.messages[1]?.id ?? '', Stricter) }
      },
      { wrapper: wrapperFor() },
    )
    await act(() => result.current.chat.send('Describe a user'))
    const { view, chat } = result.current
    expect(view.object).toBeUndefined()
    expect(view.error).toBeInstanceOf(StructuredOutputError)
    expect(view.error).toMatchObject({ reason: 'schema-mismatch', text: chat.messages[1]?.content })
    expect(view.partial).toEqual(JSON.parse(chat.messages[1]?.content ?? ''))
  })

  it('a prose answer is an invalid-json error, and no object', async () => {
    const { result } = renderHook(
      () => {
        const chat = useChatCompletion({ id: 'prose-chat', model: 'kindling-echo', batchInterval: 0 })
        return { chat, view: useMessageObject('prose-chat', chat.messages[1]?.id ?? '') }
      },
      { wrapper: wrapperFor() },
    )
    await act(() => result.current.chat.send('Just words'))
    expect(result.current.view).toMatchObject({ partial: undefined, object: undefined })
    expect(result.current.view.error).toMatchObject({ reason: 'invalid-json', text: 'Just words' })
  })
})

describe('tool-call arguments while they stream', () => {
  it('show as a growing partial object', async () => {
    const seen: unknown[] = []
    const tools = {
      get_weather: defineTool({
        parameters: z.object({ city: z.string(), unit: z.enum(['c', 'f']) }),
        execute: () => 'sunny',
      }),
    }
    const { result } = renderHook(
      () => {
        const chat = useChatCompletion({
          id: 'args-chat',
          model: 'kindling-tools',
          batchInterval: 0,
          tools,
          maxSteps: 1,
          requestOptions: { headers: faultHeaders(undefined, 3) },
        })
        const calls = useToolCalls('args-chat', chat.messages[1]?.id ?? '')
        if (calls[0]?.status === 'streaming-arguments' && calls[0].args !== seen.at(-1))
          seen.push(calls[0].args)
        return { chat, calls }
      },
      { wrapper: wrapperFor() },
    )
    await act(() => result.current.chat.send('Weather in Lisbon?'))
    await waitFor(() => expect(result.current.calls[0]?.status).toBe('done'))
    const final = result.current.calls[0]?.args as { city: string }
    expect(final.city).toBe('Lisbon')
    const partials = seen.filter((value) => value !== undefined) as { city?: string }[]
    expect(partials.length).toBeGreaterThan(1)
    expect(partials.some((value) => value.city !== undefined && value.city !== 'Lisbon')).toBe(true)
  })
})
