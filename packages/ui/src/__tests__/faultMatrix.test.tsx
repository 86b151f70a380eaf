import {
  APIConnectionError,
  APIStreamError,
  APITimeoutError,
  AuthenticationError,
  createClient,
  InternalServerError,
  InvalidRequestError,
  type KindlingError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
} from '@kindling/client'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { Chat } from '../Chat/Chat.tsx'

// Every fault the server can inject, through useChatCompletion + Chat in real Chromium against the
// embedded server (same origin, /v1): the right typed error, partial text kept and shown, retry from
// the UI works, no unhandled rejection, and no connection or long timer left behind.

const QUESTION = 'alpha beta gamma delta epsilon zeta eta theta'

type ErrorClass = abstract new (...args: never[]) => KindlingError
interface FaultCase {
  fault: string
  error: ErrorClass
  /** Text the answer had when it broke (the echo model answers with the question, a word per chunk). */
  partial: string
}

// Mid-stream faults fire after 3 data chunks: the role chunk and two words.
const MID_STREAM: FaultCase[] = [
  // A cut connection can lose the bytes that arrived just before it (the reset drops what the
  // browser had not handed to the page yet), so only "a true prefix of the answer" is certain.
  { fault: 'cut=3', error: APIConnectionError, partial: '' },
  { fault: 'stall=3', error: APITimeoutError, partial: 'alpha beta' },
  { fault: 'malformed=3', error: ResponseValidationError, partial: 'alpha beta' },
  { fault: 'error-event=3', error: APIStreamError, partial: 'alpha beta' },
  { fault: 'error-chunk=3', error: APIStreamError, partial: 'alpha beta' },
]
const HTTP: FaultCase[] = [
  { fault: '400=messages', error: InvalidRequestError, partial: '' },
  { fault: '422=temperature', error: InvalidRequestError, partial: '' },
  { fault: '401', error: AuthenticationError, partial: '' },
  { fault: '403', error: PermissionDeniedError, partial: '' },
  { fault: '404', error: NotFoundError, partial: '' },
  { fault: '413', error: PayloadTooLargeError, partial: '' },
  { fault: '429', error: RateLimitError, partial: '' },
  { fault: '500', error: InternalServerError, partial: '' },
  { fault: '502', error: InternalServerError, partial: '' },
  { fault: '503', error: InternalServerError, partial: '' },
]

/** Real fetch, with the fault header on the first chat request only, so the retry is clean. */
function faultOnFirstChat(fault: string): typeof fetch {
  let used = false
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (used || !url.endsWith('/chat/completions')) return fetch(input, init)
    used = true
    const headers = new Headers(init?.headers)
    headers.set('x-kindling-fault', fault)
    return fetch(input, { ...init, headers })
  }
}

async function openStreams(): Promise<number> {
  const stats = (await (await fetch('/kindling/streams')).json()) as { open: number }
  return stats.open
}

// Timers of a second or more (request timeouts, retry backoff) that were neither run nor cleared.
const longTimers = new Set<number>()
const realSetTimeout = window.setTimeout
const realClearTimeout = window.clearTimeout
const unhandled: unknown[] = []
const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason)

beforeEach(() => {
  longTimers.clear()
  unhandled.length = 0
  window.addEventListener('unhandledrejection', onUnhandled)
  window.setTimeout = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
    const id = realSetTimeout(
      (...inner: unknown[]) => {
        longTimers.delete(id)
        if (typeof handler === 'function') handler(...inner)
      },
      delay,
      ...args,
    )
    if ((delay ?? 0) >= 1000) longTimers.add(id)
    return id
  }) as typeof window.setTimeout
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) longTimers.delete(id)
    realClearTimeout(id)
  }) as typeof window.clearTimeout
})

afterEach(() => {
  cleanup()
  window.setTimeout = realSetTimeout
  window.clearTimeout = realClearTimeout
  window.removeEventListener('unhandledrejection', onUnhandled)
})

const assistant = () => document.querySelector<HTMLElement>('article[data-role="assistant"]')

describe.each([...MID_STREAM, ...HTTP])(
  'fault $fault through Chat in Chromium',
  ({ fault, error, partial }) => {
    it(`ends in ${error.name} with the partial answer kept, and the message's one Retry succeeds`, async () => {
      const errors: KindlingError[] = []
      const client = createClient({
        baseURL: '/v1',
        apiKey: null,
        maxRetries: 0,
        fetch: faultOnFirstChat(fault),
      })
      const { unmount } = render(
        <Chat
          client={client}
          model="kindling-echo"
          showModelPicker={false}
          requestOptions={{ requestTimeout: 1 }}
          onError={(caught) => errors.push(caught)}
        />,
      )
      const input = screen.getByRole('textbox', { name: 'Message' })
      await userEvent.fill(input, QUESTION)
      await userEvent.keyboard('{Enter}')

      await waitFor(() => expect(assistant()?.dataset.status).toBe('error'), { timeout: 5000 })
      expect(errors).toHaveLength(1)
      expect(errors[0]).toBeInstanceOf(error)
      const shown = assistant()?.textContent ?? ''
      // Whatever text was delivered is shown, and it is a true prefix of the answer.
      const content = assistant()?.querySelector('.kindling-message__content')?.textContent?.trim() ?? ''
      expect(QUESTION.startsWith(content) && content.length < QUESTION.length, content).toBe(true)
      if (partial) {
        expect(shown).toContain(partial)
        expect(shown).not.toContain('epsilon')
      }
      // The user's message is never lost.
      expect(document.querySelector('article[data-role="user"]')?.textContent).toContain(QUESTION)
      // One failure, one message: the error and its Retry sit in the failed message, nowhere else.
      expect(screen.queryByRole('alert')).toBeNull()
      const askAgain = screen.getAllByRole('button', { name: /retry|try again|regenerate/i })
      expect(askAgain.map((button) => button.textContent)).toEqual(['Retry'])
      expect(assistant()?.contains(askAgain[0] as Node)).toBe(true)

      await userEvent.click(askAgain[0] as HTMLElement)
      await waitFor(() => expect(assistant()?.dataset.status).toBe('done'), { timeout: 5000 })
      expect(assistant()?.textContent).toContain(QUESTION)
      expect(document.querySelectorAll('article[data-role="assistant"]')).toHaveLength(1)

      unmount()
      await waitFor(async () => expect(await openStreams()).toBe(0))
      expect(longTimers.size).toBe(0)
      expect(unhandled).toEqual([])
    })
  },
)
