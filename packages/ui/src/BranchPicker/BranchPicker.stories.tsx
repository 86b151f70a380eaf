import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, userEvent, within } from 'storybook/test'
import '../styles.css'
import { Chat } from '../Chat/Chat.tsx'
import { LiveKindling } from '../stories/live/LiveKindling.tsx'
import { expectLiveUnderTest, STREAM_TIMEOUT, waitForReplyStatus } from '../stories/live/play.ts'
import { BranchPicker } from './BranchPicker.tsx'

/** A picker over `count` versions, starting at `start`. */
function Versions({ count, start }: { count: number; start: number }) {
  const [index, setIndex] = useState(start)
  return <BranchPicker index={index} count={count} onSwitch={(offset) => setIndex((i) => i + offset)} />
}

const meta = {
  title: 'Chat/BranchPicker',
  component: Versions,
  args: { count: 3, start: 1 },
} satisfies Meta<typeof Versions>
export default meta
type Story = StoryObj<typeof meta>

/** "‹ 2 / 3 ›": buttons, and ← → anywhere in the group. */
export const Standalone: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('group', { name: 'Version 2 of 3' })).toHaveTextContent('2 / 3')
    await userEvent.click(canvas.getByRole('button', { name: 'Next version' }))
    await expect(canvas.getByRole('button', { name: 'Next version' })).toHaveAttribute(
      'aria-disabled',
      'true',
    )
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}')
    await expect(canvas.getByRole('group')).toHaveTextContent('1 / 3')
    await expect(canvas.getByRole('button', { name: 'Previous version' })).toHaveAttribute(
      'aria-disabled',
      'true',
    )
  },
}

/** One version only: nothing is shown. */
export const OneVersion: Story = {
  args: { count: 1, start: 0 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole('group')).toBeNull()
  },
}

/** In a live chat: `n: 2` gives the reply two versions; regenerating adds a third. */
export const InAChat: Story = {
  render: () => (
    <LiveKindling clientOptions={{ headers: { 'x-kindling-delay': '5' } }}>
      {() => (
        <div style={{ height: 560, display: 'flex', flexDirection: 'column' }}>
          <Chat model="kindling-text" params={{ n: 2 }} showModelPicker={false} />
        </div>
      )}
    </LiveKindling>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const input = await canvas.findByRole('textbox', { name: 'Message' }, { timeout: STREAM_TIMEOUT })
    await expectLiveUnderTest(canvasElement)
    await userEvent.click(input)
    await userEvent.keyboard('Two takes, please.{Enter}')
    const reply = await waitForReplyStatus(canvasElement, 'done')
    await expect(within(reply).getByRole('group')).toHaveTextContent('1 / 2')
    await userEvent.click(within(reply).getByRole('button', { name: 'Regenerate' }))
    const again = await waitForReplyStatus(canvasElement, 'done')
    await expect(within(again).getByRole('group')).toHaveTextContent('3 / 4')
  },
}
