import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { userEvent, within } from 'storybook/test'
import '../styles.css'
import { Chat } from '../Chat/Chat.tsx'
import { CompletionPanel } from '../CompletionPanel/CompletionPanel.tsx'
import { ParameterControls, type ParameterValues } from '../ParameterControls/ParameterControls.tsx'
import { LiveKindling } from './live/LiveKindling.tsx'
import { expectLiveUnderTest, STREAM_TIMEOUT, waitForReplyStatus } from './live/play.ts'

interface PlaygroundProps {
  /** The server's base URL; empty: the toolbar's "Server". */
  baseURL: string
  /** The model; empty: the toolbar's "Model". Any model the server knows (e.g. a Fireworks model through the proxy). */
  model: string
  /** Milliseconds between streamed chunks on the embedded server (`x-kindling-delay`). */
  delayMs: number
  /** Chat (`/chat/completions`) or text completion (`/completions`). */
  mode: 'chat' | 'completion'
}

/**
 * Talks to a live endpoint: by default the embedded `@kindling/server` that Storybook serves at
 * `/v1`; through the toolbar or the controls, any OpenAI-compatible base URL and model. (For a
 * real API, start Storybook with `FIREWORKS_API_KEY` set: `/v1` then forwards other models
 * upstream with the key kept server-side.)
 */
function Playground({ baseURL, model, delayMs, mode }: PlaygroundProps) {
  const [params, setParams] = useState<ParameterValues>({ temperature: 0.7, max_tokens: 256 })
  return (
    <LiveKindling
      key={baseURL}
      baseURL={baseURL}
      clientOptions={{ headers: { 'x-kindling-delay': String(delayMs) } }}
    >
      {() => (
        <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 19rem', gap: 16, height: 600 }}>
          {mode === 'chat' ? (
            <Chat key={model} model={model} params={params} />
          ) : (
            <CompletionPanel key={model} model={model} params={params} initialPrompt="Once upon a time" />
          )}
          <aside aria-label="Settings">
            <ParameterControls
              value={params}
              onChange={setParams}
              parameters={['temperature', 'top_p', 'max_tokens', 'n', 'seed']}
            />
          </aside>
        </div>
      )}
    </LiveKindling>
  )
}

const meta = {
  title: 'Playground',
  component: Playground,
  args: { baseURL: '', model: '', delayMs: 30, mode: 'chat' },
  argTypes: { mode: { control: 'inline-radio', options: ['chat', 'completion'] } },
  render: (args, { globals }) => (
    <Playground
      {...args}
      baseURL={args.baseURL || String(globals.kindlingBaseURL ?? '/v1')}
      model={args.model || String(globals.kindlingModel ?? 'kindling-text')}
    />
  ),
} satisfies Meta<typeof Playground>
export default meta
type Story = StoryObj<typeof meta>

/** Chat with the server chosen in the toolbar (default: the embedded one). */
export const LiveChat: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const input = await canvas.findByRole('textbox', { name: 'Message' }, { timeout: STREAM_TIMEOUT })
    await expectLiveUnderTest(canvasElement)
    input.focus()
    await userEvent.keyboard('Hello, playground{Enter}')
    await waitForReplyStatus(canvasElement, 'done')
  },
}

/** Text completion with the same server. */
export const LiveCompletion: Story = { args: { mode: 'completion' } }
