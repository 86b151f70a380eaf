import type { ChatMessageInput } from '@kindling/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import '../styles.css'
import { ParameterControls, type ParameterValues } from '../ParameterControls/ParameterControls.tsx'
import { darkTheme, mobileWidth } from '../stories/decorators.tsx'
import { LiveKindling } from '../stories/live/LiveKindling.tsx'
import {
  expectLiveUnderTest,
  isButton,
  isReplay,
  lastReply,
  STREAM_TIMEOUT,
  tabUntil,
  waitForReplyStatus,
  waitForStreamingText,
} from '../stories/live/play.ts'
import { Chat, type ChatProps } from './Chat.tsx'

type LiveChatProps = ChatProps & {
  /** Milliseconds between streamed chunks (the server's `x-kindling-delay`). */
  delayMs?: number | undefined
  /** Hand the client to `Chat` as a prop instead of a `KindlingProvider`. */
  clientProp?: boolean | undefined
}

/** `Chat` against the live embedded server (or the recorded replay in a static build). */
function LiveChat({ delayMs = 30, clientProp = false, ...props }: LiveChatProps) {
  return (
    <LiveKindling clientOptions={{ headers: { 'x-kindling-delay': String(delayMs) } }} provider={!clientProp}>
      {(client) => (
        <div style={{ height: 560, display: 'flex', flexDirection: 'column' }}>
          <Chat {...props} client={clientProp ? client : props.client} />
        </div>
      )}
    </LiveKindling>
  )
}

const meta = {
  title: 'Chat/Chat (live server)',
  component: LiveChat,
  args: { model: 'kindling-echo', delayMs: 30 },
  argTypes: {
    model: {
      control: 'select',
      options: [
        'kindling-echo',
        'kindling-text',
        'kindling-reasoning',
        'kindling-tools',
        'kindling-text+cut=3',
      ],
    },
  },
} satisfies Meta<typeof LiveChat>
export default meta
type Story = StoryObj<typeof meta>

async function send(canvasElement: HTMLElement, text: string) {
  const canvas = within(canvasElement)
  const input = await canvas.findByRole('textbox', { name: 'Message' }, { timeout: STREAM_TIMEOUT })
  await expectLiveUnderTest(canvasElement)
  await userEvent.click(input)
  await userEvent.keyboard(`${text}{Enter}`)
}

const ECHO = 'Kindling streams this reply from the live server one token at a time, until it is done.'

/** Type and send; the reply streams in token by token from the live server, then shows its usage. */
export const SendAndStream: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await send(canvasElement, ECHO)
    await expect(canvas.getByRole('textbox', { name: 'Message' })).toHaveValue('')
    const partial = await waitForStreamingText(canvasElement)
    const reply = await waitForReplyStatus(canvasElement, 'done')
    const text = reply.querySelector('.kindling-message__content')?.textContent ?? ''
    await expect(text.length).toBeGreaterThan(partial.length)
    if (!isReplay(canvasElement)) await expect(text.trim()).toBe(ECHO)
    await expect(await canvas.findByText(/tokens\/s/)).toBeInTheDocument()
  },
}

/** Stop a reply half-way (its text is kept, marked stopped), then regenerate it: the one way to ask again. */
export const StopThenRegenerate: Story = {
  args: { model: 'kindling-text', delayMs: 60 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await send(canvasElement, 'Tell me about streaming.')
    await waitForStreamingText(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }))
    await waitForReplyStatus(canvasElement, 'stopped')
    await expect(canvas.getByText('Stopped.')).toBeInTheDocument()
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeInTheDocument()
    await expect(canvas.queryByRole('button', { name: 'Retry' })).toBeNull()

    await userEvent.click(canvas.getByRole('button', { name: 'Regenerate' }))
    await waitForStreamingText(canvasElement)
    await waitForReplyStatus(canvasElement, 'done')
    await expect(canvasElement.querySelectorAll('article[data-role="assistant"]')).toHaveLength(1)
    await expect(canvas.queryByText('Stopped.')).not.toBeInTheDocument()
  },
}

/**
 * The server cuts the stream after 3 chunks (`kindling-text+cut=3`): the partial text stays with
 * the error and its one Retry, in the message. Switch to the plain model in the picker and retry.
 */
export const ErrorMidStreamThenRetry: Story = {
  args: { model: 'kindling-text+cut=3' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await send(canvasElement, 'This one will be cut.')
    const failed = await waitForReplyStatus(canvasElement, 'error')
    await expect(failed.querySelector('.kindling-message__content')?.textContent ?? '').not.toBe('')
    await expect(within(failed).getByText('Error:')).toBeInTheDocument()
    await expect(canvas.getAllByRole('button', { name: /retry|try again|regenerate/i })).toHaveLength(1)

    const picker = canvas.getByRole('combobox', { name: 'Model' })
    await waitFor(() => expect(picker).toBeEnabled(), { timeout: STREAM_TIMEOUT })
    await userEvent.selectOptions(picker, 'kindling-text')
    await userEvent.click(within(failed).getByRole('button', { name: 'Retry' }))
    await waitForReplyStatus(canvasElement, 'done')
    await expect(canvas.queryByText('Error:')).not.toBeInTheDocument()
    await expect(canvasElement.querySelectorAll('article[data-role="assistant"]')).toHaveLength(1)
  },
}

const history: ChatMessageInput[] = Array.from({ length: 30 }, (_, index) => ({
  role: index % 2 === 0 ? 'user' : 'assistant',
  content:
    index % 2 === 0
      ? `Question ${index / 2 + 1}: how does streaming work?`
      : `Answer ${(index + 1) / 2}: the server sends one chunk per token, and the client folds each delta into the message.`,
}))

/** A long history: scroll up while a reply streams (the list lets go), then jump back to the latest. */
export const ScrollAwayAndBack: Story = {
  args: { model: 'kindling-text', delayMs: 80, initialMessages: history },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await send(canvasElement, 'One more question.')
    await waitForStreamingText(canvasElement)
    const viewport = canvas.getByRole('region', { name: 'Conversation' })
    // Scroll to the top, as a user would, until the list lets go (a token landing in the same frame
    // as the scroll can still pull it back to the bottom once).
    await waitFor(
      () => {
        if (viewport.scrollTop > 10) viewport.scrollTo({ top: 0 })
        expect(canvas.getByRole('button', { name: /Jump to latest/ })).toBeInTheDocument()
      },
      { timeout: STREAM_TIMEOUT },
    )
    const jump = canvas.getByRole('button', { name: /Jump to latest/ })
    await expect(viewport.scrollTop).toBeLessThan(10)
    await userEvent.click(jump)
    await waitFor(
      () => expect(viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight).toBeLessThan(50),
      { timeout: STREAM_TIMEOUT },
    )
    await waitFor(() => expect(canvas.queryByRole('button', { name: /Jump to latest/ })).toBeNull())
    await waitForReplyStatus(canvasElement, 'done')
    // The finished reply grows (actions, usage badge); the list follows on the next frame.
    await waitFor(() =>
      expect(viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight).toBeLessThan(50),
    )
  },
}

/** Keyboard only: Tab to the input, send with Enter, Shift+Tab to Regenerate, Tab to Stop. */
export const KeyboardOnly: Story = {
  args: { model: 'kindling-text', delayMs: 60 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await canvas.findByRole('textbox', { name: 'Message' }, { timeout: STREAM_TIMEOUT })
    await tabUntil((element) => element instanceof HTMLTextAreaElement)
    await userEvent.keyboard('Hello by keyboard{Enter}')
    await waitForReplyStatus(canvasElement, 'done')

    await tabUntil(isButton('Regenerate'), { backwards: true })
    await userEvent.keyboard('{Enter}')
    await waitForStreamingText(canvasElement)
    await tabUntil(isButton('Stop'))
    await userEvent.keyboard('{Enter}')
    await waitForReplyStatus(canvasElement, 'stopped')
  },
}

/** Pick another model in the picker: the next reply comes from it (here, with its reasoning). */
export const SwitchModel: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const picker = canvas.getByRole('combobox', { name: 'Model' })
    await waitFor(() => expect(picker).toBeEnabled(), { timeout: STREAM_TIMEOUT })
    await userEvent.selectOptions(picker, 'kindling-reasoning')
    await send(canvasElement, 'Think first, then answer.')
    const reply = await waitForReplyStatus(canvasElement, 'done')
    await expect(within(reply).getByText('Reasoning')).toBeInTheDocument()
  },
}

/** `n: 2`: the two choices are two versions of the reply, with a branch picker. */
export const Alternatives: Story = {
  args: { model: 'kindling-text', params: { n: 2 } },
  play: async ({ canvasElement }) => {
    await send(canvasElement, 'Give me two takes.')
    const reply = await waitForReplyStatus(canvasElement, 'done')
    const first = reply.querySelector('.kindling-message__content')?.textContent
    await userEvent.click(within(reply).getByRole('button', { name: 'Next version' }))
    await expect(within(lastReply(canvasElement) as HTMLElement).getByText('2 / 2')).toBeInTheDocument()
    await expect(lastReply(canvasElement)?.querySelector('.kindling-message__content')?.textContent).not.toBe(
      first,
    )
  },
}

/**
 * Tools passed only as wire `params.tools` (no `tools` to run them): the call is shown with its
 * arguments, waiting for a result the app gives (e.g. `send({ role: 'tool', … })`).
 */
export const ToolCalls: Story = {
  args: {
    model: 'kindling-tools',
    params: {
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'The weather in a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        },
      ],
    },
  },
  play: async ({ canvasElement }) => {
    await send(canvasElement, 'What is the weather in Lisbon?')
    const reply = await waitForReplyStatus(canvasElement, 'done')
    const call = within(reply).getByRole('group', { name: 'Tool get_weather: Waiting for a result' })
    await expect(call).toHaveTextContent('"city": "Lisbon"')
  },
}

/** Edit a sent message: it goes back into the composer; sending replaces it and asks again. */
export const EditMessage: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await send(canvasElement, 'First try')
    await waitForReplyStatus(canvasElement, 'done')
    await userEvent.click(canvas.getByRole('button', { name: 'Edit' }))
    const input = canvas.getByRole('textbox', { name: 'Message' })
    await expect(input).toHaveValue('First try')
    await userEvent.type(input, ', edited{Enter}')
    await waitForReplyStatus(canvasElement, 'done')
    await expect(canvas.queryByText('First try')).not.toBeInTheDocument()
    await expect(canvas.getAllByText('First try, edited').length).toBeGreaterThan(0)
    await expect(canvasElement.querySelectorAll('article[data-role="user"]')).toHaveLength(1)
  },
}

/** No provider: the client is handed to `Chat` as a prop. */
export const ClientProp: Story = {
  args: { clientProp: true },
  play: async ({ canvasElement }) => {
    await send(canvasElement, 'Hello without a provider')
    await waitForReplyStatus(canvasElement, 'done')
  },
}

/** The parts in a layout of the app's own: parameters beside the conversation, picker at the bottom. */
function ComposedLayout({ delayMs = 30 }: { delayMs?: number }) {
  const [params, setParams] = useState<ParameterValues>({ temperature: 0.7, max_tokens: 64 })
  return (
    <LiveKindling clientOptions={{ headers: { 'x-kindling-delay': String(delayMs) } }}>
      {() => (
        <Chat.Root model="kindling-text" params={params}>
          <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 14rem', gap: 16, height: 480 }}>
            <div style={{ display: 'flex', flexDirection: 'column', gap: 8, minHeight: 0 }}>
              <Chat.Messages emptyState="Ask anything." />
              <Chat.ErrorNotice />
              <Chat.Composer placeholder="Ask the model…" />
            </div>
            <aside aria-label="Settings" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
              <ParameterControls value={params} onChange={setParams} />
              <Chat.ModelPicker />
            </aside>
          </div>
        </Chat.Root>
      )}
    </LiveKindling>
  )
}

/** `Chat.Root` and its parts, rearranged, with `ParameterControls` feeding `params`. */
export const Composed: Story = {
  render: () => <ComposedLayout />,
  play: async ({ canvasElement }) => {
    await send(canvasElement, 'Hello from a composed layout')
    await waitForReplyStatus(canvasElement, 'done')
    await expect(within(canvasElement).getByRole('complementary', { name: 'Settings' })).toBeInTheDocument()
  },
}

/** Dark theme, with a conversation. */
export const Dark: Story = {
  args: { initialMessages: history.slice(0, 4) },
  decorators: [darkTheme],
}

/** A phone's width. */
export const Mobile: Story = {
  args: { initialMessages: history.slice(0, 4) },
  decorators: [mobileWidth],
}
