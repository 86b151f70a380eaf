import { act, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { KindlingProvider } from '../KindlingProvider.tsx'
import { useChatCompletion } from '../useChatCompletion.ts'
import { startPeer } from './peer.ts'

const peer = startPeer()

function Chat() {
  const chat = useChatCompletion({ model: 'kindling-echo' })
  return (
    <div>
      <button type="button" onClick={() => chat.send('hello there friend')}>
        send
      </button>
      <p data-testid="status">{chat.status}</p>
      {chat.messages.map((m) => (
        <p key={m.id} data-testid={m.role}>
          {m.content}|{m.status}
        </p>
      ))}
    </div>
  )
}

describe('smoke', () => {
  it('streams', async () => {
    console.log(typeof fetch, typeof AbortController, typeof requestAnimationFrame)
    render(
      <KindlingProvider client={peer.client()}>
        <Chat />
      </KindlingProvider>,
    )
    await act(async () => screen.getByText('send').click())
    await waitFor(() => expect(screen.getByTestId('assistant')).toHaveTextContent('hello there friend|done'))
  })
})
