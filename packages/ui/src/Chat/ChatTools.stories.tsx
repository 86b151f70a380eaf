import type { ChatCompletionParams } from '@kindling/client'
import { defineTool, type ToolSet } from '@kindling/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useRef } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { z } from 'zod'
import '../styles.css'
import { Button } from '../primitives/Button.tsx'
import { LiveKindling } from '../stories/live/LiveKindling.tsx'
import { expectLiveUnderTest, STREAM_TIMEOUT, waitForReplyStatus } from '../stories/live/play.ts'
import { fakeWeather, WeatherCard, type WeatherReport } from '../stories/WeatherCard.tsx'
import type { ToolRenderers } from '../ToolCall/ToolCall.tsx'
import { Chat } from './Chat.tsx'
import { useChatContext } from './ChatContext.ts'

// `Chat` running tools in the page against the live embedded server's `kindling-tools`, a
// function-calling model: it calls the tool the message is about with schema-valid arguments, and
// answers in prose with the results it gets back. Each story sends its question on mount, so it
// opens (and is captured) in the state it shows.

const weather = defineTool({
  description: 'The current weather in a city',
  parameters: z.object({ city: z.string().describe('The city, e.g. Lisbon') }),
  execute: ({ city }) => fakeWeather(city),
})

const sendEmail = defineTool({
  description: 'Sends an email (asks the user first)',
  parameters: z.object({ to: z.email(), subject: z.string(), body: z.string() }),
  needsApproval: true,
  execute: ({ to, subject }) => ({ sent: true, to, subject }),
})

// Runs until the chat is stopped: its signal ends it.
const slowExport = defineTool({
  description: 'Exports the report (slow)',
  parameters: z.object({ format: z.enum(['pdf', 'csv']) }),
  execute: (_args, { signal }) =>
    new Promise((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(new Error('Export cancelled.'))),
    ),
})

const failingStock = defineTool({
  description: 'The stock price of a company',
  parameters: z.object({ symbol: z.string() }),
  execute: () => {
    throw new Error('The market data service answered 503.')
  },
})

// No `execute`: the user gives the result, from the renderer's buttons.
const pickColor = defineTool({
  description: 'Asks the user to pick a color',
  parameters: z.object({ question: z.string() }),
})

const renderers: ToolRenderers = {
  get_weather: (call) =>
    call.status === 'done' ? <WeatherCard report={call.result as WeatherReport} /> : null,
  pick_color: (call, actions) =>
    call.status === 'awaiting-result' ? (
      <div style={{ display: 'flex', gap: 8, padding: '0.5rem 0.75rem' }}>
        {['Red', 'Green', 'Blue'].map((color) => (
          <Button key={color} size="sm" onClick={() => actions.addResult({ color })}>
            {color}
          </Button>
        ))}
      </div>
    ) : null,
}

/** Sends `text` once, when the chat mounts. */
function SendOnMount({ text }: { text: string }) {
  const { send } = useChatContext()
  const sent = useRef(false)
  useEffect(() => {
    if (sent.current) return
    sent.current = true
    void send(text)
  }, [send, text])
  return null
}

interface ToolChatProps {
  tools: ToolSet
  /** What the user asks, on mount. */
  ask: string
  params?: ChatCompletionParams | undefined
  maxSteps?: number | undefined
  toolRenderers?: ToolRenderers | undefined
}

/** `Chat.Root` with tools, against the live server, asking `ask` on mount. */
function ToolChat({ tools, ask, params, maxSteps, toolRenderers = renderers }: ToolChatProps) {
  return (
    <LiveKindling clientOptions={{ headers: { 'x-kindling-delay': '5' } }}>
      {() => (
        <div style={{ height: 600, display: 'flex', flexDirection: 'column' }}>
          <Chat.Root
            model="kindling-tools"
            tools={tools}
            params={params}
            maxSteps={maxSteps}
            toolRenderers={toolRenderers}
          >
            <SendOnMount text={ask} />
            <Chat.Messages showUsage={false} />
            <Chat.Composer />
          </Chat.Root>
        </div>
      )}
    </LiveKindling>
  )
}

const meta = {
  title: 'Chat/Tools (live server)',
  component: ToolChat,
} satisfies Meta<typeof ToolChat>
export default meta
type Story = StoryObj<typeof meta>

const tool = (root: HTMLElement, name: string, label: string | RegExp) =>
  within(root).findByRole(
    'group',
    { name: typeof label === 'string' ? `Tool ${name}: ${label}` : label },
    { timeout: STREAM_TIMEOUT },
  )

/** The last reply, once it is a done answer in prose (not another call). */
async function finalAnswer(root: HTMLElement, text: string | RegExp) {
  await waitFor(
    () => {
      const replies = root.querySelectorAll('article[data-role="assistant"]')
      const last = replies[replies.length - 1]
      expect(last?.getAttribute('data-status')).toBe('done')
      expect(last?.querySelector('.kindling-message__content')?.textContent).toMatch(text)
    },
    { timeout: STREAM_TIMEOUT },
  )
}

/**
 * A call that needs approval waits with Approve/Deny; approved, it runs and the model answers
 * with its result. The tool message is not shown as a bubble of its own: the result is in the call.
 */
export const ApproveThenAnswer: Story = {
  args: { tools: { send_email: sendEmail }, ask: 'Email Ana the notes from today.' },
  play: async ({ canvasElement }) => {
    const call = await tool(canvasElement, 'send_email', 'Needs your approval')
    await expectLiveUnderTest(canvasElement)
    await userEvent.click(within(call).getByRole('button', { name: 'Approve' }))
    await finalAnswer(canvasElement, /send_email returned \{"sent":true/)
    const done = await tool(canvasElement, 'send_email', 'Done')
    await expect(within(done).getByText('Result')).toBeInTheDocument()
    await expect(canvasElement.querySelector('article[data-role="tool"]')).toBeNull()
  },
}

/** Denied, the call is marked so, and the model is told the user denied it. */
export const Deny: Story = {
  args: { tools: { send_email: sendEmail }, ask: 'Email Ana the notes from today.' },
  play: async ({ canvasElement }) => {
    const call = await tool(canvasElement, 'send_email', 'Needs your approval')
    await userEvent.click(within(call).getByRole('button', { name: 'Deny' }))
    await finalAnswer(canvasElement, /send_email failed: Denied by the user/)
    await expect(await tool(canvasElement, 'send_email', 'Denied')).toHaveTextContent('Denied by the user.')
  },
}

/** A per-tool renderer: `get_weather`'s result is a weather card, and the model answers with it. */
export const WeatherCardRenderer: Story = {
  args: { tools: { get_weather: weather }, ask: 'What is the weather in Lisbon?' },
  play: async ({ canvasElement }) => {
    await finalAnswer(canvasElement, /get_weather returned/)
    const done = await tool(canvasElement, 'get_weather', 'Done')
    await expect(within(done).getByText(`${fakeWeather('Lisbon').temperature}°`)).toBeInTheDocument()
  },
}

/**
 * The model keeps calling (`tool_choice: "required"`): after `maxSteps` automatic requests the loop
 * pauses, visibly, with Continue, which goes on with a fresh budget.
 */
export const StepCap: Story = {
  args: {
    tools: { get_weather: weather },
    ask: 'What is the weather in Lisbon?',
    params: { tool_choice: 'required' },
    maxSteps: 2,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText('Paused after 2 tool steps.', {}, { timeout: STREAM_TIMEOUT }))
    await expect(canvasElement.querySelectorAll('[aria-label="Tool get_weather: Done"]')).toHaveLength(3)
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }))
    await waitFor(
      () => expect(canvasElement.querySelectorAll('[aria-label="Tool get_weather: Done"]')).toHaveLength(6),
      { timeout: STREAM_TIMEOUT },
    )
    await expect(await canvas.findByText('Paused after 2 tool steps.', {}, { timeout: STREAM_TIMEOUT }))
  },
}

/** A tool that throws: its call shows the error, and the model is told it failed. */
export const ToolError: Story = {
  args: { tools: { get_stock_price: failingStock }, ask: 'What is the stock price of Acme?' },
  play: async ({ canvasElement }) => {
    await finalAnswer(canvasElement, /get_stock_price failed: The market data service answered 503/)
    await expect(await tool(canvasElement, 'get_stock_price', 'Failed')).toHaveTextContent('503')
  },
}

/** A running tool shows Stop in the composer; stopping aborts it (its signal fires) and ends the turn. */
export const StopRunningTool: Story = {
  args: { tools: { export_report: slowExport }, ask: 'Export the report as a PDF.' },
  play: async ({ canvasElement }) => {
    await tool(canvasElement, 'export_report', 'Running…')
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Stop' }))
    await expect(await tool(canvasElement, 'export_report', 'Failed')).toHaveTextContent(
      'Stopped by the user before it finished.',
    )
    await expect(within(canvasElement).getByRole('button', { name: 'Send' })).toBeInTheDocument()
  },
}

/** A tool without `execute`: its renderer asks the user, and the answer becomes the result. */
export const ResultFromTheUser: Story = {
  args: { tools: { pick_color: pickColor }, ask: 'Help me pick a color for the logo.' },
  play: async ({ canvasElement }) => {
    const call = await tool(canvasElement, 'pick_color', 'Waiting for a result')
    await waitForReplyStatus(canvasElement, 'done')
    await userEvent.click(within(call).getByRole('button', { name: 'Green' }))
    await finalAnswer(canvasElement, /pick_color returned \{"color":"Green"\}/)
  },
}
