import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, within } from 'storybook/test'
import '../styles.css'
import { darkTheme } from '../stories/decorators.tsx'
import { Button } from './Button.tsx'
import { Tooltip } from './Tooltip.tsx'

function TooltipDemo() {
  return (
    <div style={{ display: 'flex', gap: 16, padding: '48px 16px', fontFamily: 'var(--kindling-font)' }}>
      <Tooltip content="Remove every message">
        <Button>Clear</Button>
      </Tooltip>
      <Tooltip content="Below the trigger" side="bottom">
        <Button>Bottom</Button>
      </Tooltip>
    </div>
  )
}

const meta = { title: 'Design system/Tooltip', component: TooltipDemo } satisfies Meta<typeof TooltipDemo>
export default meta
type Story = StoryObj<typeof meta>

/** Shown on hover and keyboard focus; it describes its trigger for screen readers. */
export const OnFocus: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const clear = canvas.getByRole('button', { name: 'Clear' })
    await expect(clear).toHaveAccessibleDescription('Remove every message')
    await userEvent.tab()
    await expect(clear).toHaveFocus()
  },
}

/** The same, dark. */
export const Dark: Story = { decorators: [darkTheme] }
