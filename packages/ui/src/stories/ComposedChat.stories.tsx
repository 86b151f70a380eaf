import type { Meta, StoryObj } from '@storybook/react-vite'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import '../styles.css'
import { Composer } from '../Composer/Composer.tsx'
import type { ComposerStatus } from '../Composer/ComposerContext.ts'
import type { DefaultMessageProps } from '../Message/Message.tsx'
import type { MessageView } from '../Message/MessageView.ts'
import { MessageList } from '../MessageList/MessageList.tsx'
import { ModelPicker } from '../ModelPicker/ModelPicker.tsx'
import { ParameterControls, type ParameterValues } from '../ParameterControls/ParameterControls.tsx'
import { UsageBadge } from '../UsageBadge/UsageBadge.tsx'
import { darkTheme, mobileWidth } from './decorators.tsx'
import { richReply, sampleModels } from './fixtures.ts'

/**
 * The parts composed into a chat, driven by a local fake stream instead of `@kindling/react` (which
 * the real `Chat` will use): shows how thin the wiring is and tests the parts together.
 */
function ComposedChat() {
  const [messages, setMessages] = useState<MessageView[]>([])
  const [value, setValue] = useState('')
  const [model, setModel] = useState(sampleModels[0]?.id)
  const [parameters, setParameters] = useState<ParameterValues>({ temperature: 0.7 })
  const [status, setStatus] = useState<ComposerStatus>('ready')
  const [stats, setStats] = useState<{ ttft: number; speed: number; tokens: number } | null>(null)
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined)

  const stream = useCallback((id: string) => {
    const update = (change: Partial<MessageView>) =>
      setMessages((all) => all.map((message) => (message.id === id ? { ...message, ...change } : message)))
    clearInterval(timer.current)
    update({ content: '', status: 'streaming' })
    setStatus('streaming')
    const started = performance.now()
    let length = 0
    timer.current = setInterval(() => {
      length = Math.min(length + 5, richReply.length)
      const done = length >= richReply.length
      update({ content: richReply.slice(0, length), status: done ? 'done' : 'streaming' })
      if (done) {
        clearInterval(timer.current)
        setStatus('ready')
        const seconds = (performance.now() - started) / 1000
        setStats({
          ttft: 16,
          speed: richReply.length / 4 / seconds,
          tokens: Math.round(richReply.length / 4),
        })
      }
    }, 16)
  }, [])
  useEffect(() => () => clearInterval(timer.current), [])

  const send = (text: string) => {
    const id = `a${messages.length + 1}`
    setMessages((all) => [
      ...all,
      { id: `u${all.length}`, role: 'user', content: text, status: 'done' },
      { id, role: 'assistant', content: '', status: 'streaming' },
    ])
    setValue('')
    stream(id)
  }
  const stop = () => {
    clearInterval(timer.current)
    setStatus('ready')
    setMessages((all) =>
      all.map((message) => (message.status === 'streaming' ? { ...message, status: 'stopped' } : message)),
    )
  }
  const messageProps = useMemo<Omit<DefaultMessageProps, 'message'>>(
    () => ({
      onRetry: (message) => stream(message.id),
      onRegenerate: (message) => stream(message.id),
      onEdit: (message) => setValue(message.content),
    }),
    [stream],
  )

  return (
    <div style={{ display: 'grid', gap: 12, height: 640, gridTemplateRows: 'auto minmax(0, 1fr) auto' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'end' }}>
        <ModelPicker models={sampleModels} value={model} onChange={setModel} />
        {stats ? (
          <UsageBadge
            usage={{ prompt_tokens: 24, completion_tokens: stats.tokens, total_tokens: 24 + stats.tokens }}
            timeToFirstTokenMs={stats.ttft}
            tokensPerSecond={stats.speed}
          />
        ) : null}
      </div>
      <MessageList messages={messages} messageProps={messageProps} emptyState="Ask anything to start." />
      <details>
        <summary>Parameters</summary>
        <ParameterControls value={parameters} onChange={setParameters} />
      </details>
      <Composer.Root value={value} onChange={setValue} onSubmit={send} onStop={stop} status={status}>
        <Composer.Input />
        <Composer.Send />
        <Composer.Stop />
      </Composer.Root>
    </div>
  )
}

const meta = {
  title: 'Examples/Composed chat (offline)',
  component: ComposedChat,
} satisfies Meta<typeof ComposedChat>
export default meta
type Story = StoryObj<typeof meta>

/** Type and send, watch the reply stream in, regenerate it, then stop one half-way: keyboard only. */
export const SendStopRegenerate: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const input = canvas.getByRole('textbox', { name: 'Message' })
    input.focus()
    await userEvent.keyboard('How do I retry a request?{Enter}')
    await expect(canvas.getByText('How do I retry a request?')).toBeInTheDocument()
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Regenerate' })).toBeInTheDocument(), {
      timeout: 10_000,
    })
    await expect(canvas.getByText(/tokens\/s/)).toBeInTheDocument()

    canvas.getByRole('button', { name: 'Regenerate' }).focus()
    await userEvent.keyboard('{Enter}')
    const stopButton = await canvas.findByRole('button', { name: 'Stop' })
    stopButton.focus()
    await userEvent.keyboard('{Enter}')
    await expect(await canvas.findByText('Stopped.')).toBeInTheDocument()
    // One way to ask again after a stop: Regenerate, not a second "Retry" beside it.
    await expect(canvas.getByRole('button', { name: 'Regenerate' })).toBeInTheDocument()
    await expect(canvas.queryByRole('button', { name: 'Retry' })).toBeNull()
  },
}

/** Dark theme. */
export const Dark: Story = { decorators: [darkTheme] }

/** A phone's width. */
export const Mobile: Story = { decorators: [mobileWidth] }
