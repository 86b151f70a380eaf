import { createClient } from '@kindling/client'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { Chat } from '../Chat/Chat.tsx'
import { CompletionPanel } from '../CompletionPanel/CompletionPanel.tsx'
import '../styles.css'

// One failure, one message, one way to ask again, in real Chromium: against a closed port (nothing
// listens on 127.0.0.1:9) and against the embedded server under /v1.

const askAgainButtons = () => screen.queryAllByRole('button', { name: /retry|try again|regenerate/i })
const assistant = () => document.querySelector<HTMLElement>('article[data-role="assistant"]')

afterEach(() => cleanup())

async function send(text: string) {
  await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), text)
  await userEvent.keyboard('{Enter}')
}

describe('one failure, one message', () => {
  it('reports an unreachable server once, in one banner with one Try again', async () => {
    const client = createClient({ baseURL: 'http://127.0.0.1:9/v1', apiKey: null, maxRetries: 0 })
    render(
      <div style={{ height: 600 }}>
        <Chat client={client} model="kindling-echo" />
      </div>,
    )
    // The model list fails first (after TanStack Query's own retries).
    const banner = await screen.findByRole('alert', {}, { timeout: 15_000 })
    expect(banner.textContent).toMatch(/Can't reach the server/)
    expect(askAgainButtons().map((button) => button.textContent)).toEqual(['Try again'])
    expect(screen.queryByText(/Could not load models/)).toBeNull()

    // Sending anyway fails the answer too: it says so, but the banner stays the one place to retry.
    await send('Is anyone there?')
    await waitFor(() => expect(assistant()?.dataset.status).toBe('error'), { timeout: 5000 })
    expect(screen.getAllByRole('alert')).toHaveLength(1)
    const buttons = askAgainButtons()
    expect(buttons.map((button) => button.textContent)).toEqual(['Try again'])
    expect(banner.contains(buttons[0] as Node)).toBe(true)
  })

  it('offers only Regenerate on a stopped answer', async () => {
    const client = createClient({ baseURL: '/v1', apiKey: null, headers: { 'x-kindling-delay': '40' } })
    render(
      <div style={{ height: 600 }}>
        <Chat client={client} model="kindling-text" showModelPicker={false} />
      </div>,
    )
    await send('Tell me a long story')
    await waitFor(() => expect(assistant()?.dataset.status).toBe('streaming'), { timeout: 5000 })
    await waitFor(() => expect(assistant()?.textContent?.length ?? 0).toBeGreaterThan(20), { timeout: 5000 })
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }))
    await waitFor(() => expect(assistant()?.dataset.status).toBe('stopped'))
    const buttons = askAgainButtons()
    expect(buttons.map((button) => button.getAttribute('aria-label') ?? button.textContent)).toEqual([
      'Regenerate',
    ])
    expect(within(assistant() as HTMLElement).getByText('Stopped.')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('leaves a failed completion without Retry when the app retries that cause elsewhere', async () => {
    const client = createClient({ baseURL: 'http://127.0.0.1:9/v1', apiKey: null, maxRetries: 0 })
    const failOnce = async (showRetry: boolean) => {
      render(<CompletionPanel client={client} model="kindling-echo" showRetry={showRetry} />)
      await userEvent.fill(screen.getByRole('textbox', { name: 'Prompt' }), 'Once upon a time')
      await userEvent.click(screen.getByRole('button', { name: 'Complete' }))
      await waitFor(() => expect(screen.getByText(/Error:/)).toBeTruthy(), { timeout: 5000 })
      const retries = askAgainButtons().length
      cleanup()
      return retries
    }
    expect(await failOnce(true)).toBe(1)
    expect(await failOnce(false)).toBe(0)
  })
})
