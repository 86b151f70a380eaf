import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, within } from 'storybook/test'
import '../styles.css'
import { darkTheme } from '../stories/decorators.tsx'
import { UsageBadge } from './UsageBadge.tsx'

const meta = {
  title: 'Components/UsageBadge',
  component: UsageBadge,
  args: {
    usage: { prompt_tokens: 1234, completion_tokens: 567, total_tokens: 1801 },
    timeToFirstTokenMs: 212,
    tokensPerSecond: 48.27,
  },
} satisfies Meta<typeof UsageBadge>
export default meta
type Story = StoryObj<typeof meta>

/** Tokens in and out, time to first token, speed. */
export const Full: Story = {
  play: async ({ canvasElement }) => {
    const badge = within(canvasElement)
    await expect(badge.getByText('1,234 tokens')).toBeInTheDocument()
    await expect(badge.getByText('212 ms')).toBeInTheDocument()
    await expect(badge.getByText('48.3 tokens/s')).toBeInTheDocument()
  },
}

/** Only what the server reported (no completion count: the total is shown). */
export const UsageOnly: Story = {
  args: {
    usage: { prompt_tokens: 12, total_tokens: 40 },
    timeToFirstTokenMs: undefined,
    tokensPerSecond: undefined,
  },
}

/** A slow first token, in seconds. */
export const SlowStart: Story = { args: { timeToFirstTokenMs: 2450 } }

/** Dark theme. */
export const Dark: Story = { decorators: [darkTheme] }
