import { createClient } from '@kindling/client'
import { cleanup, render, waitFor } from '@testing-library/react'
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import '../styles.css'
import { HOSTILE_RUNS } from '../__tests__/hostileConfig.ts'
import { fill, nestedContainers, nestedTemplates, superLinear } from '../__tests__/hostilePayloads.ts'
import { Chat } from '../Chat/Chat.tsx'
import { MessageList } from '../MessageList/MessageList.tsx'
import { createReplayFetch } from '../stories/live/replayFetch.ts'
import { DefaultMessage } from './Message.tsx'
import type { MessageView } from './MessageView.ts'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const view = (id: string, content: string, extra: Partial<MessageView> = {}): MessageView => ({
  id,
  role: 'assistant',
  content,
  status: 'done',
  ...extra,
})

/** Names that a plain-object lookup answers with something other than `undefined`. */
const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
]

function Boom(): never {
  throw new Error('boom')
}

/** Throws for a message that mentions "bad", renders it normally otherwise. */
function Fragile({ message }: { message: MessageView }) {
  return message.content.includes('bad') ? <Boom /> : <DefaultMessage message={message} />
}

describe('one message that fails to render', () => {
  it('shows its text as plain text and leaves the rest of the list working', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const messages = [view('a', 'First **reply**'), view('b', 'This one *breaks*'), view('c', 'Third reply')]
    const onRegenerate = vi.fn()
    const renderMessage = (message: MessageView) =>
      message.id === 'b' ? <Boom /> : <DefaultMessage message={message} onRegenerate={onRegenerate} />
    const { container, rerender } = render(
      <div style={{ height: 500, display: 'flex', flexDirection: 'column' }}>
        <MessageList messages={messages} renderMessage={renderMessage} />
      </div>,
    )
    const fallback = container.querySelector('.kindling-message--unrendered')
    expect(fallback?.textContent).toContain('This one *breaks*')
    expect(container.querySelector('strong')?.textContent).toBe('reply')
    expect(container.textContent).toContain('Third reply')
    // The rest still works: buttons respond, and new messages render.
    const buttons = container.querySelectorAll<HTMLButtonElement>('button')
    const named = (b: HTMLButtonElement) => b.getAttribute('aria-label') ?? b.textContent
    await userEvent.click([...buttons].find((b) => named(b) === 'Regenerate') as HTMLButtonElement)
    expect(onRegenerate).toHaveBeenCalledTimes(1)
    rerender(
      <div style={{ height: 500, display: 'flex', flexDirection: 'column' }}>
        <MessageList messages={[...messages, view('d', 'Fourth')]} renderMessage={renderMessage} />
      </div>,
    )
    expect(container.textContent).toContain('Fourth')
  })

  it('tries again when the text changes (a streamed token, an edit)', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const renderMessage = (message: MessageView) => <Fragile message={message} />
    const { container, rerender } = render(
      <MessageList messages={[view('a', 'a bad one')]} renderMessage={renderMessage} />,
    )
    expect(container.querySelector('.kindling-message--unrendered')).not.toBeNull()
    rerender(<MessageList messages={[view('a', 'a good one')]} renderMessage={renderMessage} />)
    expect(container.querySelector('.kindling-message--unrendered')).toBeNull()
    expect(container.textContent).toContain('a good one')
  })

  it('renders roles and finish reasons named like Object.prototype members', () => {
    for (const key of PROTOTYPE_KEYS) {
      const { container, unmount } = render(
        <DefaultMessage message={view('x', `Reply ${key.length}`, { role: key, finish_reason: key })} />,
      )
      const article = container.querySelector('article')
      expect(article?.classList.contains('kindling-message--unrendered')).toBe(false)
      expect(article?.getAttribute('data-role')).toBe('system')
      expect(article?.getAttribute('aria-label')).toBe(`${key} said`)
      expect(container.textContent).toContain(`Reply ${key.length}`)
      // The role label shows the role as it is.
      expect(container.querySelector('.kindling-message__role')?.textContent).toBe(key)
      unmount()
    }
  })

  it('renders hostile replies in a list without unmounting anything', () => {
    const hostile = [
      ...fc.sample(nestedContainers(), HOSTILE_RUNS),
      ...fc.sample(superLinear(), HOSTILE_RUNS),
      ...fc.sample(nestedTemplates(), HOSTILE_RUNS),
      `[https://bank.example/login](https://evil.example/login) ${fill('*a', 100)}`,
    ]
    const messages = hostile.flatMap((content, i) => [
      view(`u${i}`, 'question', { role: 'user' }),
      view(`a${i}`, content),
    ])
    const { container } = render(
      <div style={{ height: 500, display: 'flex', flexDirection: 'column' }}>
        <MessageList messages={messages} />
      </div>,
    )
    expect(container.querySelectorAll('article')).toHaveLength(messages.length)
    expect(container.querySelector('.kindling-message--unrendered')).toBeNull()
  })
})

describe('Chat started from a stored conversation with hostile messages', () => {
  it('shows every message and still sends and answers', async () => {
    const initialMessages = [
      { role: 'user' as const, content: 'Tell me something' },
      { role: 'assistant' as const, content: `${'>'.repeat(6_000)} deep` },
      { role: 'assistant' as const, content: fill('a\n-\n', 24_000) },
      { role: 'assistant' as const, content: `\`\`\`markdown\n${fill('[a](', 8_000)}\n\`\`\`` },
      { role: '__proto__' as 'system', content: 'A role from a tampered file' },
    ]
    const client = createClient({
      baseURL: 'http://replay.invalid/v1',
      apiKey: null,
      fetch: createReplayFetch({ delayMs: 5 }),
    })
    const { container, getByRole } = render(
      <div style={{ height: 600, display: 'flex', flexDirection: 'column' }}>
        <Chat client={client} model="kindling-text" initialMessages={initialMessages} />
      </div>,
    )
    expect(container.querySelectorAll('article')).toHaveLength(initialMessages.length)
    expect(container.textContent).toContain('A role from a tampered file')
    expect(container.querySelector('[data-plain-reason="nesting"]')).not.toBeNull()
    await userEvent.click(getByRole('textbox', { name: 'Message' }))
    await userEvent.keyboard('Hello{Enter}')
    await waitFor(
      () => expect(container.querySelector('article:last-of-type')?.getAttribute('data-status')).toBe('done'),
      { timeout: 15_000 },
    )
    expect(container.querySelectorAll('article').length).toBeGreaterThan(initialMessages.length)
  })
})
