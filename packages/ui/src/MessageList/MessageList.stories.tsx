import type { Meta, StoryObj } from '@storybook/react-vite'
import { useMemo } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import '../styles.css'
import type { MessageView } from '../Message/MessageView.ts'
import { darkTheme, fixedHeight, mobileWidth } from '../stories/decorators.tsx'
import { makeConversation, richReply } from '../stories/fixtures.ts'
import { useSimulatedStream } from '../stories/useSimulatedStream.ts'
import { MessageList } from './MessageList.tsx'

const meta = {
  title: 'Components/MessageList',
  component: MessageList,
  args: { messages: makeConversation(6) },
  decorators: [fixedHeight(480)],
} satisfies Meta<typeof MessageList>
export default meta
type Story = StoryObj<typeof meta>

function viewport(canvasElement: HTMLElement): HTMLElement {
  return within(canvasElement).getByRole('region', { name: 'Conversation' })
}

function distanceFromBottom(element: HTMLElement): number {
  return element.scrollHeight - element.scrollTop - element.clientHeight
}

/** No messages yet. */
export const Empty: Story = {
  args: { messages: [], emptyState: 'Ask anything to start.' },
}

/** A short finished conversation, opened at its end. */
export const Conversation: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(distanceFromBottom(viewport(canvasElement))).toBeLessThan(2))
  },
}

function StreamingList({ history = 6, stopAt }: { history?: number; stopAt?: number }) {
  const base = useMemo(() => makeConversation(history), [history])
  const { text, done } = useSimulatedStream(richReply, { chunk: 5, ...(stopAt ? { stopAt } : {}) })
  const messages = useMemo<MessageView[]>(
    () => [
      ...base,
      { id: 'q', role: 'user', content: 'Once more, please.', status: 'done' },
      { id: 'r', role: 'assistant', content: text, status: done ? 'done' : 'streaming' },
    ],
    [base, text, done],
  )
  return <MessageList messages={messages} />
}

/** A reply streams in (a timer stands in for the server): the list follows it down. */
export const Streaming: Story = {
  render: () => <StreamingList />,
  play: async ({ canvasElement }) => {
    const list = viewport(canvasElement)
    await waitFor(() =>
      expect(
        list.querySelector('[data-status="done"]:last-child, article[data-status="done"]'),
      ).not.toBeNull(),
    )
    await waitFor(() => expect(list.querySelectorAll('article[aria-busy="true"]')).toHaveLength(0), {
      timeout: 10_000,
    })
    await waitFor(() => expect(distanceFromBottom(list)).toBeLessThan(2))
    // The finished reply is announced once, politely.
    const live = canvasElement.querySelector('[aria-live="polite"].kindling-visually-hidden')
    await waitFor(() => expect(live).toHaveTextContent(/^Reply finished\. Here is a small/))
  },
}

/**
 * Scrolling up while a reply streams lets go of the bottom and shows "Jump to latest", which brings
 * the list back down and follows again.
 */
export const JumpToLatest: Story = {
  render: () => <StreamingList history={20} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const list = viewport(canvasElement)
    await waitFor(() => expect(list.scrollTop).toBeGreaterThan(0))
    list.scrollTop = 0
    const jump = await canvas.findByRole('button', { name: /Jump to latest/ })
    // Content keeps growing below, but the list stays where the reader put it.
    await new Promise((resolve) => setTimeout(resolve, 200))
    await expect(list.scrollTop).toBeLessThan(50)
    await userEvent.click(jump)
    await waitFor(() => expect(distanceFromBottom(list)).toBeLessThan(2), { timeout: 5_000 })
    await waitFor(() => expect(canvas.queryByRole('button', { name: /Jump to latest/ })).toBeNull())
  },
}

/**
 * 1,000 messages: the last ones render first and the rest right after without blocking input.
 * Timings: MessageList.test.tsx. (The accessibility scan of 1,000 messages is the slow part here.)
 */
export const LongHistory: Story = {
  args: { messages: makeConversation(1000, { light: true }) },
  // Scanning 1,000 alike messages took the story past its time limit on a shared 2-core machine;
  // one message's accessibility is scanned by every other story of this list.
  parameters: { a11y: { test: 'off' } },
  play: async ({ canvasElement }) => {
    const list = viewport(canvasElement)
    await waitFor(() => expect(list.querySelectorAll('article')).toHaveLength(1000), { timeout: 10_000 })
    await waitFor(() => expect(distanceFromBottom(list)).toBeLessThan(2), { timeout: 5_000 })
  },
}

/** Stopped mid-reply. */
export const Stopped: Story = {
  render: () => <StreamingList stopAt={200} />,
}

/** A failed reply with retry, in context. */
export const ErrorWithRetry: Story = {
  args: {
    messages: [
      ...makeConversation(2),
      {
        id: 'e',
        role: 'assistant',
        content: 'Partial answer',
        status: 'error',
        error: { message: 'Server error (500).' },
      },
    ],
    messageProps: { onRetry: () => {} },
  },
}

/** Keyboard only: the conversation region takes focus (so arrow keys and Page Up/Down scroll it). */
export const KeyboardFocus: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.tab()
    await expect(viewport(canvasElement)).toHaveFocus()
  },
}

/** Dark theme. */
export const Dark: Story = { decorators: [darkTheme] }

/** A phone's width. */
export const Mobile: Story = { decorators: [mobileWidth] }
