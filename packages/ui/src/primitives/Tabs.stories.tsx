import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, userEvent, within } from 'storybook/test'
import '../styles.css'
import { darkTheme } from '../stories/decorators.tsx'
import { Tabs } from './Tabs.tsx'

type Mode = 'chat' | 'completion' | 'models'
const ITEMS = [
  { value: 'chat', label: 'Chat' },
  { value: 'completion', label: 'Completion' },
  { value: 'models', label: 'Models' },
] as const

function TabsDemo() {
  const [mode, setMode] = useState<Mode>('chat')
  return (
    <div style={{ display: 'grid', gap: 12, fontFamily: 'var(--kindling-font)' }}>
      <Tabs label="Mode" idPrefix="demo" items={ITEMS} value={mode} onValueChange={setMode} />
      <div role="tabpanel" id={`demo-panel-${mode}`} aria-labelledby={`demo-tab-${mode}`}>
        The {mode} panel.
      </div>
    </div>
  )
}

const meta = { title: 'Design system/Tabs', component: TabsDemo } satisfies Meta<typeof TabsDemo>
export default meta
type Story = StoryObj<typeof meta>

/** A segmented tab list: click, or arrow keys / Home / End with one tab stop. */
export const Segmented: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('tab', { name: 'Completion' }))
    await expect(canvas.getByRole('tabpanel')).toHaveTextContent('The completion panel.')
    await userEvent.keyboard('{ArrowRight}')
    await expect(canvas.getByRole('tab', { name: 'Models' })).toHaveAttribute('aria-selected', 'true')
    await expect(canvas.getByRole('tab', { name: 'Models' })).toHaveFocus()
    await userEvent.keyboard('{Home}')
    await expect(canvas.getByRole('tabpanel')).toHaveTextContent('The chat panel.')
  },
}

/** The same, dark. */
export const Dark: Story = { decorators: [darkTheme] }
