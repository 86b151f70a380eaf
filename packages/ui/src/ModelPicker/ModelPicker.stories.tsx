import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, fn, userEvent, within } from 'storybook/test'
import '../styles.css'
import { darkTheme, mobileWidth } from '../stories/decorators.tsx'
import { sampleModels } from '../stories/fixtures.ts'
import { ModelPicker, type ModelPickerProps } from './ModelPicker.tsx'

function PickerDemo({ value: initial, onChange, ...props }: ModelPickerProps) {
  const [value, setValue] = useState(initial)
  return (
    <ModelPicker
      {...props}
      value={value}
      onChange={(id) => {
        onChange(id)
        setValue(id)
      }}
    />
  )
}

const meta = {
  title: 'Components/ModelPicker',
  component: PickerDemo,
  args: { models: sampleModels, value: sampleModels[0]?.id, onChange: fn(), onRetry: fn() },
  decorators: [(Story) => <div style={{ maxWidth: 480 }}>{Story()}</div>],
} satisfies Meta<typeof PickerDemo>
export default meta
type Story = StoryObj<typeof meta>

/** A long list gets a filter field; the chosen model stays listed. */
export const SearchAndPick: Story = {
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Filter models' }), 'deepseek')
    await expect(canvas.getByText('2 matching')).toBeInTheDocument()
    const select = canvas.getByRole('combobox', { name: 'Model' })
    await expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['llama-v3p1-8b-instruct', 'deepseek-v3', 'deepseek-r1'])
    await userEvent.selectOptions(select, 'accounts/fireworks/models/deepseek-r1')
    await expect(args.onChange).toHaveBeenCalledWith('accounts/fireworks/models/deepseek-r1')
  },
}

/** A short list: no filter field. */
export const FewModels: Story = {
  args: { models: sampleModels.slice(-2), value: 'kindling/echo' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole('searchbox')).toBeNull()
  },
}

/** Fetching the list. */
export const Loading: Story = {
  args: { models: undefined, isLoading: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('combobox', { name: 'Model' })).toBeDisabled()
  },
}

/** The list could not be fetched: the error says why, Retry asks again. */
export const ErrorWithRetry: Story = {
  args: {
    models: undefined,
    value: undefined,
    error: { message: 'Unauthorized (401): check your API key.' },
  },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('alert')).toHaveTextContent('Unauthorized (401)')
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }))
    await expect(args.onRetry).toHaveBeenCalledTimes(1)
  },
}

/** The server offers no models. */
export const Empty: Story = { args: { models: [], value: undefined } }

/** Keyboard only: Tab to the filter, type, Tab to the list, pick with the arrow keys. */
export const KeyboardOnly: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.tab()
    await expect(canvas.getByRole('searchbox')).toHaveFocus()
    await userEvent.keyboard('qwen')
    await userEvent.tab()
    await expect(canvas.getByRole('combobox', { name: 'Model' })).toHaveFocus()
  },
}

/** Dark theme. */
export const Dark: Story = { decorators: [darkTheme] }

/** A phone's width: the filter and the list stack. */
export const Mobile: Story = { decorators: [mobileWidth] }
