import { defineTool, type ToolCallView, useChatCompletion } from '@kindling/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import '../styles.css'
import { LiveKindling } from '../stories/live/LiveKindling.tsx'
import { expectLiveUnderTest, STREAM_TIMEOUT } from '../stories/live/play.ts'
import { ChatToolCalls, ToolCall, type ToolRenderers } from './ToolCall.tsx'

const base = {
  id: 'call_1',
  name: 'get_weather',
  argumentsText: '{"city":"Lisbon"}',
  args: { city: 'Lisbon' },
}
const STATES: ToolCallView[] = [
  { ...base, status: 'streaming-arguments', argumentsText: '{"ci', args: {} },
  { ...base, status: 'awaiting-approval' },
  { ...base, status: 'running' },
  { ...base, status: 'done', result: { city: 'Lisbon', temperature: 21 } },
  { ...base, status: 'error', error: 'The weather service is down' },
  { ...base, status: 'denied', error: 'Denied by the user.' },
]

function AllStates() {
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      {STATES.map((call) => (
        <ToolCall key={call.status} call={call} onApprove={() => {}} onDeny={() => {}} />
      ))}
    </div>
  )
}

const meta = { title: 'Chat/ToolCall', component: AllStates } satisfies Meta<typeof AllStates>
export default meta
type Story = StoryObj<typeof meta>

/** Every state of a call: arguments streaming, awaiting approval, running, done, error, denied. */
export const States: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('region', { name: 'Tool get_weather: Done' })).toHaveTextContent(
      '"temperature": 21',
    )
    await expect(canvas.getAllByRole('button', { name: 'Allow' })).toHaveLength(1)
    await expect(canvas.getByRole('region', { name: 'Tool get_weather: Failed' })).toHaveTextContent(
      'The weather service is down',
    )
  },
}

const renderers: ToolRenderers = {
  get_weather: (call) =>
    call.status === 'done' ? (
      <p className="weather-card">
        {(call.args as { city: string }).city}: {(call.result as { temperature: number }).temperature}°
      </p>
    ) : null,
}

function LiveAgent() {
  const tools = {
    get_weather: defineTool<{ city: string }>({
      description: 'The weather in a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      needsApproval: true,
      execute: ({ city }) => ({ city, temperature: 21 }),
    }),
  }
  const chat = useChatCompletion({ id: 'tool-story', model: 'kindling-tools', tools })
  return (
    <div>
      <button type="button" onClick={() => chat.send('What is the weather in Lisbon?')}>
        Ask
      </button>
      {chat.messages.map((message) => (
        <article key={message.id} data-role={message.role}>
          {message.content && <p>{message.content}</p>}
          <ChatToolCalls chatId="tool-story" messageId={message.id} renderers={renderers} />
        </article>
      ))}
    </div>
  )
}

/** Live against the embedded server: the call waits for approval, runs, and the model answers with its result. */
export const LiveApproval: Story = {
  render: () => <LiveKindling>{() => <LiveAgent />}</LiveKindling>,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(await canvas.findByRole('button', { name: 'Ask' }, { timeout: STREAM_TIMEOUT }))
    await expectLiveUnderTest(canvasElement)
    await userEvent.click(await canvas.findByRole('button', { name: 'Allow' }, { timeout: STREAM_TIMEOUT }))
    await waitFor(
      () => expect(canvasElement.querySelector('.weather-card')).toHaveTextContent('Lisbon: 21°'),
      {
        timeout: STREAM_TIMEOUT,
      },
    )
    await waitFor(
      () =>
        expect(canvasElement.querySelector('article[data-role="assistant"]:last-child')).toHaveTextContent(
          'get_weather returned',
        ),
      { timeout: STREAM_TIMEOUT },
    )
  },
}
