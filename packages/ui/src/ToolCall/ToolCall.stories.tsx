import { defineTool, type ToolCallView, useChatCompletion } from '@kindling/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import '../styles.css'
import { LiveKindling } from '../stories/live/LiveKindling.tsx'
import { expectLiveUnderTest, STREAM_TIMEOUT } from '../stories/live/play.ts'
import { WeatherCard, type WeatherReport } from '../stories/WeatherCard.tsx'
import { ChatToolCalls } from './ChatToolCalls.tsx'
import { ToolCall, type ToolRenderers } from './ToolCall.tsx'

const base = {
  id: 'call_1',
  name: 'get_weather',
  argumentsText: '{"city":"Lisbon"}',
  args: { city: 'Lisbon' },
}
const STATES: ToolCallView[] = [
  { ...base, status: 'streaming-arguments', argumentsText: '{"city":"Lis', args: { city: 'Lis' } },
  { ...base, status: 'awaiting-approval' },
  { ...base, status: 'awaiting-result' },
  { ...base, status: 'running' },
  { ...base, status: 'done', result: { city: 'Lisbon', temperature: 21 } },
  { ...base, status: 'error', error: 'The weather service is down' },
  { ...base, status: 'denied', error: 'Denied by the user.' },
]

const GRID = {
  display: 'grid',
  gap: 8,
  gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 18rem), 1fr))',
  alignItems: 'start',
} as const

function ToolCallStates({ statuses }: { statuses: readonly ToolCallView['status'][] }) {
  return (
    <div style={GRID}>
      {STATES.filter((call) => statuses.includes(call.status)).map((call) => (
        <ToolCall key={call.status} call={call} onApprove={() => {}} onDeny={() => {}} />
      ))}
    </div>
  )
}

const meta = { title: 'Chat/ToolCall', component: ToolCallStates } satisfies Meta<typeof ToolCallStates>
export default meta
type Story = StoryObj<typeof meta>

/** The states of a call in progress: arguments streaming (partial), awaiting approval or a result, running. */
export const InProgress: Story = {
  args: { statuses: ['streaming-arguments', 'awaiting-approval', 'awaiting-result', 'running'] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getAllByRole('button', { name: 'Approve' })).toHaveLength(1)
    await expect(canvas.getByRole('group', { name: 'Tool get_weather: Preparing…' })).toHaveTextContent(
      '"city": "Lis"',
    )
  },
}

/** The states of an ended call: done (its result as formatted JSON), failed, denied. */
export const Ended: Story = {
  args: { statuses: ['done', 'error', 'denied'] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('group', { name: 'Tool get_weather: Done' })).toHaveTextContent(
      '"temperature": 21',
    )
    await expect(canvas.getByRole('group', { name: 'Tool get_weather: Failed' })).toHaveTextContent(
      'The weather service is down',
    )
    await expect(canvas.queryByRole('button', { name: 'Approve' })).toBeNull()
  },
}

const renderers: ToolRenderers = {
  get_weather: (call) =>
    call.status === 'done' ? (
      <WeatherCard report={call.result as WeatherReport} className="weather-card" />
    ) : null,
}

const REPORT: WeatherReport = { city: 'Lisbon', temperature: 21, conditions: 'Sunny', high: 23, low: 15 }

function RendererStates() {
  return (
    <div style={GRID}>
      <ToolCall call={{ ...base, status: 'running' }} renderers={renderers} />
      <ToolCall call={{ ...base, status: 'done', result: REPORT }} renderers={renderers} />
      <ToolCall
        call={{ ...base, status: 'error', error: 'The weather service is down' }}
        renderers={renderers}
      />
    </div>
  )
}

/**
 * A renderer registered for `get_weather` draws its result as a weather card; in the states it
 * does not handle (returns `null`), the default view shows.
 */
export const CustomRenderer: Story = {
  args: { statuses: [] },
  render: () => <RendererStates />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const done = canvas.getByRole('group', { name: 'Tool get_weather: Done' })
    await expect(within(done).getByText('21°')).toBeInTheDocument()
    await expect(within(done).queryByText('Result')).toBeNull()
    await expect(canvas.getByRole('group', { name: 'Tool get_weather: Running…' })).toHaveTextContent(
      'Arguments',
    )
  },
}

function LiveAgent() {
  const tools = {
    get_weather: defineTool<{ city: string }>({
      description: 'The weather in a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      needsApproval: true,
      execute: ({ city }) => ({ ...REPORT, city }),
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
  args: { statuses: [] },
  render: () => <LiveKindling>{() => <LiveAgent />}</LiveKindling>,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(await canvas.findByRole('button', { name: 'Ask' }, { timeout: STREAM_TIMEOUT }))
    await expectLiveUnderTest(canvasElement)
    await userEvent.click(await canvas.findByRole('button', { name: 'Approve' }, { timeout: STREAM_TIMEOUT }))
    await waitFor(() => expect(canvasElement.querySelector('.weather-card')).toHaveTextContent('21°'), {
      timeout: STREAM_TIMEOUT,
    })
    await waitFor(
      () =>
        expect(canvasElement.querySelector('article[data-role="assistant"]:last-child')).toHaveTextContent(
          'get_weather returned',
        ),
      { timeout: STREAM_TIMEOUT },
    )
  },
}
