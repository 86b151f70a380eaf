import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import '../styles.css'
import { ConnectedModelPicker } from '../ModelPicker/ConnectedModelPicker.tsx'
import { darkTheme, mobileWidth } from '../stories/decorators.tsx'
import { LiveKindling } from '../stories/live/LiveKindling.tsx'
import { expectLiveUnderTest, STREAM_TIMEOUT } from '../stories/live/play.ts'
import { CompletionPanel, type CompletionPanelProps } from './CompletionPanel.tsx'

type LiveCompletionProps = CompletionPanelProps & {
  /** Milliseconds between streamed chunks (the server's `x-kindling-delay`). */
  delayMs?: number | undefined
  /** Show a model picker in the panel's toolbar. */
  picker?: boolean | undefined
}

/** `CompletionPanel` against the live embedded server (or the recorded replay in a static build). */
function LiveCompletion({
  delayMs = 30,
  picker = false,
  model: initialModel,
  ...props
}: LiveCompletionProps) {
  const [model, setModel] = useState(initialModel)
  return (
    <LiveKindling clientOptions={{ headers: { 'x-kindling-delay': String(delayMs) } }}>
      {() => (
        <CompletionPanel {...props} model={model}>
          {picker ? <ConnectedModelPicker value={model} onChange={setModel} /> : null}
        </CompletionPanel>
      )}
    </LiveKindling>
  )
}

const meta = {
  title: 'Completion/CompletionPanel (live server)',
  component: LiveCompletion,
  args: {
    model: 'kindling-text',
    params: { max_tokens: 64 },
    initialPrompt: 'Once upon a time',
    delayMs: 30,
  },
} satisfies Meta<typeof LiveCompletion>
export default meta
type Story = StoryObj<typeof meta>

const output = (root: HTMLElement) => within(root).getByRole('region', { name: 'Completion' })

async function complete(root: HTMLElement) {
  const canvas = within(root)
  await canvas.findByRole('textbox', { name: 'Prompt' }, { timeout: STREAM_TIMEOUT })
  await expectLiveUnderTest(root)
  await waitFor(() => expect(canvas.getByRole('textbox', { name: 'Prompt' })).toHaveValue('Once upon a time'))
  await userEvent.click(canvas.getByRole('button', { name: 'Complete' }))
}

/** Complete the prompt: the text streams in, then usage and timing show. */
export const StreamCompletion: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await complete(canvasElement)
    await waitFor(() => expect(output(canvasElement)).toHaveAttribute('aria-busy', 'true'), {
      timeout: STREAM_TIMEOUT,
    })
    await waitFor(() => expect(output(canvasElement).getAttribute('data-status')).toBe('done'), {
      timeout: STREAM_TIMEOUT,
    })
    await expect(output(canvasElement).textContent?.length).toBeGreaterThan(20)
    await expect(canvas.getByText(/tokens\/s/)).toBeInTheDocument()
  },
}

/**
 * Stop half-way: the text so far is kept, and Complete asks again (no separate Retry for a stop).
 * Ctrl+Enter completes from the keyboard.
 */
export const StopAndRetry: Story = {
  args: { delayMs: 80 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const prompt = await canvas.findByRole('textbox', { name: 'Prompt' }, { timeout: STREAM_TIMEOUT })
    await expectLiveUnderTest(canvasElement)
    await userEvent.click(prompt)
    await userEvent.keyboard('{Control>}{Enter}{/Control}')
    await waitFor(() => expect(output(canvasElement).textContent?.trim().length).toBeGreaterThan(5), {
      timeout: STREAM_TIMEOUT,
    })
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }))
    await expect(await canvas.findByText('Stopped.')).toBeInTheDocument()
    await expect(canvas.queryByRole('button', { name: 'Retry' })).toBeNull()
    await userEvent.click(canvas.getByRole('button', { name: 'Complete' }))
    await waitFor(() => expect(output(canvasElement).getAttribute('data-status')).toBe('done'), {
      timeout: STREAM_TIMEOUT,
    })
  },
}

/** `n: 2`: both choices stream; switch between them. */
export const TwoChoices: Story = {
  args: { params: { max_tokens: 64, n: 2 } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await complete(canvasElement)
    await waitFor(() => expect(output(canvasElement).getAttribute('data-status')).toBe('done'), {
      timeout: STREAM_TIMEOUT,
    })
    const first = output(canvasElement).textContent
    await expect(canvas.getByRole('button', { name: 'Choice 1' })).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(canvas.getByRole('button', { name: 'Choice 2' }))
    await expect(canvas.getByRole('button', { name: 'Choice 2' })).toHaveAttribute('aria-pressed', 'true')
    await expect(output(canvasElement).textContent).not.toBe(first)
  },
}

/** The stream is cut after 3 chunks: the partial text stays with the error; pick the plain model and retry. */
export const ErrorMidStreamThenRetry: Story = {
  args: { model: 'kindling-text+cut=3', picker: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await complete(canvasElement)
    await waitFor(() => expect(output(canvasElement).getAttribute('data-status')).toBe('error'), {
      timeout: STREAM_TIMEOUT,
    })
    await expect(canvas.getByText('Error:')).toBeInTheDocument()
    const picker = canvas.getByRole('combobox', { name: 'Model' })
    await waitFor(() => expect(picker).toBeEnabled(), { timeout: STREAM_TIMEOUT })
    await userEvent.selectOptions(picker, 'kindling-text')
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(output(canvasElement).getAttribute('data-status')).toBe('done'), {
      timeout: STREAM_TIMEOUT,
    })
    await expect(canvas.queryByText('Error:')).not.toBeInTheDocument()
  },
}

/** With a model picker in the toolbar, dark. */
export const DarkWithPicker: Story = { args: { picker: true }, decorators: [darkTheme] }

/** A phone's width. */
export const Mobile: Story = { decorators: [mobileWidth] }
