import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import '../styles.css'
import { darkTheme } from '../stories/decorators.tsx'
import { Button, IconButton } from './Button.tsx'
import { Icons } from './Icons.tsx'

function AllButtons({ onClick }: { onClick: () => void }) {
  return (
    <div style={{ display: 'grid', gap: 16, fontFamily: 'var(--kindling-font)' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Button variant="primary" icon={<Icons.Send />} onClick={onClick}>
          Primary
        </Button>
        <Button>Secondary</Button>
        <Button variant="ghost">Ghost</Button>
        <Button variant="danger" icon={<Icons.Trash />}>
          Danger
        </Button>
        <Button disabled>Disabled</Button>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Button size="sm" variant="primary">
          Small
        </Button>
        <Button size="sm" icon={<Icons.Retry />}>
          Retry
        </Button>
        <Button size="sm" variant="ghost">
          Small ghost
        </Button>
        <Button size="sm" aria-pressed="true">
          Pressed
        </Button>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <IconButton label="Copy" icon={<Icons.Copy />} />
        <IconButton label="Settings" icon={<Icons.Settings />} variant="secondary" />
        <IconButton label="Send" icon={<Icons.Send />} variant="primary" />
        <IconButton label="Delete" icon={<Icons.Trash />} size="sm" />
        <IconButton label="Close" icon={<Icons.Close />} size="sm" disabled />
      </div>
    </div>
  )
}

const meta = {
  title: 'Design system/Button',
  component: AllButtons,
  args: { onClick: fn() },
} satisfies Meta<typeof AllButtons>
export default meta
type Story = StoryObj<typeof meta>

/** Every variant and size, and icon-only buttons named by their `label` (shown as a tooltip). */
export const Variants: Story = {
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Primary' }))
    await expect(args.onClick).toHaveBeenCalledTimes(1)
    // Buttons never submit a form by accident.
    await expect(canvas.getByRole('button', { name: 'Secondary' })).toHaveAttribute('type', 'button')
    await expect(canvas.getByRole('button', { name: 'Copy' })).toBeInTheDocument()
    await expect(canvas.getByRole('button', { name: 'Close' })).toBeDisabled()
  },
}

/** The same, dark. */
export const Dark: Story = { decorators: [darkTheme] }
