import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import '../styles.css'
import { darkTheme } from '../stories/decorators.tsx'
import { Button } from './Button.tsx'
import { Sheet } from './Sheet.tsx'

function SheetDemo({
  side,
  initiallyOpen = false,
}: {
  side: 'right' | 'left' | 'bottom'
  initiallyOpen?: boolean
}) {
  const [open, setOpen] = useState(initiallyOpen)
  return (
    <div style={{ fontFamily: 'var(--kindling-font)' }}>
      <Button onClick={() => setOpen(true)}>Open {side} sheet</Button>
      <Sheet open={open} onOpenChange={setOpen} title="Parameters" side={side}>
        <p style={{ margin: 0 }}>Secondary controls for a small screen.</p>
      </Sheet>
    </div>
  )
}

const meta = {
  title: 'Design system/Sheet',
  component: SheetDemo,
  args: { side: 'right' },
  // The sheet covers the viewport: give the story room in the docs page.
  parameters: { docs: { story: { inline: false, height: '420px' } } },
} satisfies Meta<typeof SheetDemo>
export default meta
type Story = StoryObj<typeof meta>

/** A drawer from the right: opens from a button, closes with its close button or Escape; focus returns. */
export const Right: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const opener = canvas.getByRole('button', { name: 'Open right sheet' })
    await userEvent.click(opener)
    const dialog = await canvas.findByRole('dialog', { name: 'Parameters' })
    await expect(dialog).toBeVisible()
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull())
    await expect(opener).toHaveFocus()
    await userEvent.click(opener)
    await userEvent.click(within(await canvas.findByRole('dialog')).getByRole('button', { name: 'Close' }))
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull())
  },
}

/** A bottom sheet, as phones use it; shown open. */
export const BottomOpen: Story = { args: { side: 'bottom', initiallyOpen: true } }

/** Open, dark. */
export const DarkOpen: Story = { args: { initiallyOpen: true }, decorators: [darkTheme] }
