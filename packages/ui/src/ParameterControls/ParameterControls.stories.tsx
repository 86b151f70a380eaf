import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, fn, userEvent, within } from 'storybook/test'
import '../styles.css'
import { darkTheme, mobileWidth } from '../stories/decorators.tsx'
import { ParameterControls, type ParameterControlsProps, type ParameterValues } from './ParameterControls.tsx'

function ParametersDemo({ value: initial, onChange, ...props }: ParameterControlsProps) {
  const [value, setValue] = useState<ParameterValues>(initial)
  return (
    <>
      <ParameterControls
        {...props}
        value={value}
        onChange={(next) => {
          onChange(next)
          setValue(next)
        }}
      />
      <output data-testid="value" style={{ display: 'block', marginTop: 8, fontFamily: 'monospace' }}>
        {JSON.stringify(value)}
      </output>
    </>
  )
}

const meta = {
  title: 'Components/ParameterControls',
  component: ParametersDemo,
  args: { value: { temperature: 0.7 }, onChange: fn() },
  decorators: [(Story) => <div style={{ maxWidth: 480 }}>{Story()}</div>],
} satisfies Meta<typeof ParametersDemo>
export default meta
type Story = StoryObj<typeof meta>

/** Temperature, top_p, max_tokens; unset ones show "default" and are left out of the value. */
export const Default: Story = {
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement)
    const maxTokens = canvas.getByRole('spinbutton', { name: 'Max tokens' })
    await userEvent.type(maxTokens, '256')
    await expect(args.onChange).toHaveBeenLastCalledWith({ temperature: 0.7, max_tokens: 256 })
    await userEvent.clear(canvas.getByRole('spinbutton', { name: 'Temperature' }))
    await expect(args.onChange).toHaveBeenLastCalledWith({ max_tokens: 256 })
  },
}

/** Keyboard only: Tab reaches the temperature slider first (arrow keys: ParameterControls.test.tsx). */
export const KeyboardOnly: Story = {
  play: async ({ canvasElement }) => {
    const slider = within(canvasElement).getByRole('slider', { name: 'Temperature' })
    await userEvent.tab()
    await expect(slider).toHaveFocus()
    await expect(slider).toHaveValue('0.7')
  },
}

/** Every parameter it knows. */
export const AllParameters: Story = {
  args: {
    value: {
      temperature: 1,
      top_p: 0.95,
      top_k: 40,
      max_tokens: 1024,
      presence_penalty: 0,
      frequency_penalty: 0.5,
      n: 2,
      seed: 42,
    },
    parameters: [
      'temperature',
      'top_p',
      'top_k',
      'max_tokens',
      'presence_penalty',
      'frequency_penalty',
      'n',
      'seed',
    ],
  },
}

/** Disabled while a request runs. */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('slider', { name: 'Temperature' })).toBeDisabled()
  },
}

/** Dark theme. */
export const Dark: Story = { decorators: [darkTheme] }

/** A phone's width: sliders move under their labels. */
export const Mobile: Story = { decorators: [mobileWidth] }
