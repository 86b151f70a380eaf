import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, fn, spyOn, userEvent, waitFor, within } from 'storybook/test'
import '../styles.css'
import { leafPng, sunsetPng } from '../stories/attachmentFixtures.ts'
import { darkTheme, mobileWidth } from '../stories/decorators.tsx'
import { richReply } from '../stories/fixtures.ts'
import { useSimulatedStream } from '../stories/useSimulatedStream.ts'
import { DefaultMessage, Message } from './Message.tsx'
import type { MessageView } from './MessageView.ts'

const assistant: MessageView = {
  id: 'a1',
  role: 'assistant',
  content: richReply,
  status: 'done',
  finish_reason: 'stop',
}

const meta = {
  title: 'Parts/Message',
  component: DefaultMessage,
  args: { message: assistant, onRetry: fn(), onRegenerate: fn(), onEdit: fn() },
  decorators: [
    (Story) => <div style={{ maxWidth: 720, display: 'flex', flexDirection: 'column' }}>{Story()}</div>,
  ],
} satisfies Meta<typeof DefaultMessage>
export default meta
type Story = StoryObj<typeof meta>

/** A finished assistant reply with copy and regenerate. */
export const Assistant: Story = {
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement)
    const writeText = spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined)
    await userEvent.click(canvas.getByRole('button', { name: 'Copy' }))
    await expect(writeText).toHaveBeenCalledWith(richReply)
    writeText.mockRestore()
    await userEvent.click(canvas.getByRole('button', { name: 'Regenerate' }))
    await expect(args.onRegenerate).toHaveBeenCalledWith(assistant)
  },
}

/** The user's own text, shown as typed (not markdown), with edit. */
export const User: Story = {
  args: { message: { id: 'u1', role: 'user', content: 'Hello *there*\n  indented line', status: 'done' } },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvasElement.querySelector('em')).toBeNull()
    await userEvent.click(canvas.getByRole('button', { name: 'Edit' }))
    await expect(args.onEdit).toHaveBeenCalled()
  },
}

function StreamingMessage() {
  const { text, done } = useSimulatedStream(richReply, { chunk: 5 })
  return (
    <DefaultMessage
      message={{ id: 's', role: 'assistant', content: text, status: done ? 'done' : 'streaming' }}
    />
  )
}

/** Arriving token by token (a timer stands in for the stream): no actions until it is done. */
export const Streaming: Story = {
  render: () => <StreamingMessage />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.queryByRole('button', { name: 'Copy' })).toBeNull()
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Copy' })).toBeInTheDocument(), {
      timeout: 10_000,
    })
  },
}

/** Waiting for the first token. */
export const Waiting: Story = {
  args: { message: { id: 'w', role: 'assistant', content: '', status: 'streaming' } },
}

/** Stopped by the user part-way: Regenerate asks again (no separate Retry for a stop). */
export const Stopped: Story = {
  args: {
    message: { ...assistant, content: richReply.slice(0, 240), status: 'stopped', finish_reason: null },
  },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByText('Stopped.')).toBeInTheDocument()
    await expect(canvas.queryByRole('button', { name: 'Retry' })).toBeNull()
    await userEvent.click(canvas.getByRole('button', { name: 'Regenerate' }))
    await expect(args.onRegenerate).toHaveBeenCalledTimes(1)
  },
}

/** Failed mid-stream: the partial answer stays, the error says why, Retry (and no Regenerate) is offered. */
export const ErrorWithRetry: Story = {
  args: {
    message: {
      ...assistant,
      content: richReply.slice(0, 120),
      status: 'error',
      error: { message: 'The connection closed before the reply finished (network error).' },
    },
  },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByText(/connection closed/)).toBeInTheDocument()
    await expect(canvas.queryByRole('button', { name: 'Regenerate' })).toBeNull()
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }))
    await expect(args.onRetry).toHaveBeenCalled()
  },
}

/** Cut off by max_tokens. */
export const CutOff: Story = {
  args: { message: { ...assistant, content: richReply.slice(0, 300), finish_reason: 'length' } },
}

/** Reasoning ("thinking") collapsed above the answer; a native `<details>`, so keyboard-operable. */
export const Reasoning: Story = {
  args: {
    message: {
      ...assistant,
      content: 'The answer is **42**.',
      reasoning_content:
        'The user asks for the answer. Let me think step by step.\n\n1. Deep Thought computed it.\n2. It took 7.5 million years.',
    },
  },
  play: async ({ canvasElement }) => {
    const details = canvasElement.querySelector('details')
    await expect(details).not.toHaveAttribute('open')
    await userEvent.click(within(canvasElement).getByText('Reasoning'))
    await waitFor(() => expect(details).toHaveAttribute('open'))
  },
}

/** Still thinking: the reasoning is open while no answer has arrived. */
export const Thinking: Story = {
  args: {
    message: {
      id: 't',
      role: 'assistant',
      content: '',
      reasoning_content: 'Considering the options…',
      status: 'streaming',
    },
  },
}

/** Tool calls with their name and pretty-printed arguments. */
export const ToolCalls: Story = {
  args: {
    message: {
      ...assistant,
      content: '',
      finish_reason: 'tool_calls',
      tool_calls: [
        {
          id: 'call_1',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
        },
        { id: 'call_2', type: 'function', function: { name: 'search', arguments: '{"query":"kindl' } },
      ],
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByText('get_weather')).toBeInTheDocument()
    await expect(canvasElement.querySelector('.kindling-tool-call-part pre')?.textContent).toBe(
      '{\n  "city": "Paris",\n  "unit": "celsius"\n}',
    )
  },
}

const alternatives = [
  'First take: use a **Map**.',
  'Second take: use an **object**.',
  'Third take: use a **WeakMap**.',
]

function AlternativesDemo() {
  const [selected, setSelected] = useState(0)
  return (
    <DefaultMessage
      message={{
        id: 'n',
        role: 'assistant',
        content: alternatives[selected] ?? '',
        status: 'done',
        alternatives: { count: alternatives.length, selected },
      }}
      onSelectAlternative={(_, index) => setSelected(index)}
    />
  )
}

/** n > 1: switch between the choices with ‹ › (keyboard too). */
export const Alternatives: Story = {
  render: () => <AlternativesDemo />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const previous = canvas.getByRole('button', { name: 'Previous alternative' })
    await expect(previous).toBeDisabled()
    await userEvent.click(canvas.getByRole('button', { name: 'Next alternative' }))
    await expect(canvas.getByText('2 / 3')).toBeInTheDocument()
    await expect(canvas.getByText('object')).toBeInTheDocument()
    canvas.getByRole('button', { name: 'Next alternative' }).focus()
    await userEvent.keyboard('{Enter}')
    await expect(canvas.getByText('3 / 3')).toBeInTheDocument()
    await expect(canvas.getByRole('button', { name: 'Next alternative' })).toBeDisabled()
  },
}

/** The parts composed in an order of the app's choosing. */
export const ComposedParts: Story = {
  render: () => (
    <Message.Root
      message={{ ...assistant, content: 'Composed from parts.', usage: undefined }}
      className="custom"
    >
      <Message.Actions copy={false}>
        <button type="button" className="kindling-button kindling-button--ghost">
          Share
        </button>
      </Message.Actions>
      <Message.Content />
    </Message.Root>
  ),
}

/** Every state, dark. */
export const Dark: Story = {
  decorators: [darkTheme],
  render: () => (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <DefaultMessage message={{ id: 'u', role: 'user', content: 'Show me retry code', status: 'done' }} />
      <DefaultMessage
        message={{ ...assistant, reasoning_content: 'Thinking about retries.' }}
        onRegenerate={() => {}}
      />
      <DefaultMessage
        message={{
          id: 'e',
          role: 'assistant',
          content: 'Partial',
          status: 'error',
          error: { message: 'Rate limited (429).' },
        }}
        onRetry={() => {}}
      />
      <DefaultMessage
        message={{ id: 's', role: 'system', content: 'You are a helpful assistant.', status: 'done' }}
      />
    </div>
  ),
}

/** A phone's width. */
export const Mobile: Story = {
  decorators: [mobileWidth],
  render: () => (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, padding: 8 }}>
      <DefaultMessage message={{ id: 'u', role: 'user', content: 'Show me retry code', status: 'done' }} />
      <DefaultMessage message={assistant} />
    </div>
  ),
}

/**
 * A user message with attachments: its images (by file name, loaded without a referrer) and an
 * attached text file, above the text. An image whose URL is not `data:`, `blob:` or `https:` is
 * not loaded.
 */
export const UserWithAttachments: Story = {
  args: {
    message: {
      id: 'u-att',
      role: 'user',
      content: 'Which of these photos should go on the cover?',
      parts: [
        { type: 'text', text: 'Which of these photos should go on the cover?' },
        { type: 'image_url', image_url: { url: sunsetPng } },
        { type: 'image_url', image_url: { url: leafPng } },
        { type: 'text', text: '<file name="captions.txt">\nSunset over the bay\n</file>' },
        { type: 'image_url', image_url: { url: 'http://insecure.example/tracker.png' } },
      ],
      attachments: [
        { part: 1, name: 'sunset.png', type: 'image/png', size: 612, width: 96, height: 72 },
        { part: 2, name: 'leaf.png', type: 'image/png', size: 324, width: 96, height: 72 },
        { part: 3, name: 'captions.txt', type: 'text/plain', size: 20 },
        { part: 4, name: 'tracker.png', type: 'image/png', size: 100 },
      ],
      status: 'done',
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const sunset = canvas.getByRole('img', { name: 'sunset.png' })
    await expect(sunset).toHaveAttribute('referrerpolicy', 'no-referrer')
    await expect(canvas.getByRole('img', { name: 'leaf.png' })).toBeVisible()
    await expect(canvas.getByRole('list', { name: 'Attachments' })).toHaveTextContent('captions.txt')
    await expect(canvas.queryByRole('img', { name: 'tracker.png' })).toBeNull()
    await expect(canvasElement.querySelector('img[src^="http:"]')).toBeNull()
  },
}
