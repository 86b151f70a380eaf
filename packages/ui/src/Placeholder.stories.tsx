import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, userEvent, within } from 'storybook/test'

// Placeholder until the ui issue adds the real components.
function Toggle() {
  const [on, setOn] = useState(false)
  return (
    <button type="button" aria-pressed={on} onClick={() => setOn(!on)}>
      {on ? 'On' : 'Off'}
    </button>
  )
}

const meta = { title: 'Placeholder/Toggle', component: Toggle } satisfies Meta<typeof Toggle>
export default meta

export const Clicked: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button')
    await userEvent.click(button)
    await expect(button).toHaveTextContent('On')
  },
}
