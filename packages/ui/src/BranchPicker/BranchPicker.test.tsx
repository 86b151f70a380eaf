import { createClient } from '@kindling/client'
import { KindlingProvider } from '@kindling/react'
import { cleanup, render, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import '../styles.css'
import { Chat } from '../Chat/Chat.tsx'

// The embedded @kindling/server answers at /v1 (same origin) in the browser project.
const client = () => createClient({ baseURL: '/v1', apiKey: null, logLevel: 'off', maxRetries: 0 })

afterEach(cleanup)

const replies = (container: HTMLElement) => [...container.querySelectorAll('article[data-role="assistant"]')]
const lastReplyDone = (container: HTMLElement) =>
  waitFor(() => expect(replies(container).at(-1)?.getAttribute('data-status')).toBe('done'))

describe('BranchPicker in a chat', () => {
  it('appears only where there are versions, and moves between them by click and by arrow keys', async () => {
    const { getByRole, container } = render(
      <KindlingProvider client={client()}>
        <div style={{ height: 500, display: 'flex', flexDirection: 'column' }}>
          <Chat model="kindling-text" showModelPicker={false} />
        </div>
      </KindlingProvider>,
    )
    await userEvent.click(getByRole('textbox', { name: 'Message' }))
    await userEvent.keyboard('Tell me something{Enter}')
    await lastReplyDone(container)
    expect(container.querySelector('.kindling-branch-picker')).toBeNull()
    const text = () => replies(container)[0]?.querySelector('.kindling-message__content')?.textContent

    // The model writes the same prose for the same history, so the new version reads the same.
    const first = text()
    await userEvent.click(
      within(replies(container)[0] as HTMLElement).getByRole('button', { name: 'Regenerate' }),
    )
    await lastReplyDone(container)
    const reply = () => replies(container)[0] as HTMLElement
    const picker = () => within(reply()).getByRole('group', { name: /Version \d of 2/ })
    expect(picker()).toHaveTextContent('2 / 2')
    expect(text()).toBe(first)
    // Only the reply has versions: the user's message has none.
    expect(container.querySelectorAll('.kindling-branch-picker')).toHaveLength(1)

    // Rows are keyed by message id: another version is another element.
    const shownSecond = reply()
    await userEvent.click(within(picker()).getByRole('button', { name: 'Previous version' }))
    expect(picker()).toHaveTextContent('1 / 2')
    expect(reply()).not.toBe(shownSecond)
    expect(within(picker()).getByRole('button', { name: 'Previous version' })).toHaveAttribute(
      'aria-disabled',
      'true',
    )

    within(picker()).getByRole('button', { name: 'Next version' }).focus()
    await userEvent.keyboard('{ArrowLeft}')
    expect(picker()).toHaveTextContent('1 / 2')
    await userEvent.keyboard('{ArrowRight}')
    expect(picker()).toHaveTextContent('2 / 2')
    expect(reply()).not.toBe(shownSecond)
    expect(text()).toBe(first)
  })

  it('n > 1 choices are versions of one reply, each with its own text', async () => {
    const { getByRole, container } = render(
      <KindlingProvider client={client()}>
        <div style={{ height: 500, display: 'flex', flexDirection: 'column' }}>
          <Chat model="kindling-text" params={{ n: 2 }} showModelPicker={false} />
        </div>
      </KindlingProvider>,
    )
    await userEvent.click(getByRole('textbox', { name: 'Message' }))
    await userEvent.keyboard('Two takes{Enter}')
    await lastReplyDone(container)
    const reply = () => replies(container)[0] as HTMLElement
    const first = reply().querySelector('.kindling-message__content')?.textContent
    const picker = within(reply()).getByRole('group', { name: 'Version 1 of 2' })
    await userEvent.click(within(picker).getByRole('button', { name: 'Next version' }))
    await waitFor(() => expect(within(reply()).getByRole('group')).toHaveTextContent('2 / 2'))
    expect(reply().querySelector('.kindling-message__content')?.textContent).not.toBe(first)
  })

  it('an edit makes the user message a version too; the old conversation is one click away', async () => {
    const { getByRole, container } = render(
      <KindlingProvider client={client()}>
        <div style={{ height: 500, display: 'flex', flexDirection: 'column' }}>
          <Chat model="kindling-echo" showModelPicker={false} />
        </div>
      </KindlingProvider>,
    )
    const input = getByRole('textbox', { name: 'Message' })
    await userEvent.click(input)
    await userEvent.keyboard('first words{Enter}')
    await lastReplyDone(container)
    const user = container.querySelector('article[data-role="user"]') as HTMLElement
    await userEvent.click(within(user).getByRole('button', { name: 'Edit' }))
    await userEvent.clear(input)
    await userEvent.keyboard('second words{Enter}')
    await waitFor(() => expect(replies(container)[0]).toHaveTextContent('second words'))
    await lastReplyDone(container)
    const edited = container.querySelector('article[data-role="user"]') as HTMLElement
    const picker = within(edited).getByRole('group', { name: 'Version 2 of 2' })
    await userEvent.click(within(picker).getByRole('button', { name: 'Previous version' }))
    await waitFor(() => expect(replies(container)[0]).toHaveTextContent('first words'))
  })
})
