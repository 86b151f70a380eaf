import { createPartialJsonParser } from '@kindling/client'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useMemo } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import '../styles.css'
import { useSimulatedStream } from '../stories/useSimulatedStream.ts'
import { JsonView } from './JsonView.tsx'

const RECIPE = {
  title: 'Tomato Basil Pasta',
  cuisine: 'italian',
  servings: 2,
  vegetarian: true,
  rating: null,
  ingredients: [
    { name: 'spaghetti', amount: '200 g' },
    { name: 'tomatoes', amount: '4, ripe' },
    { name: 'basil', amount: 'a handful' },
  ],
  steps: [
    'Boil the pasta in well-salted water until just tender.',
    'Meanwhile, soften the chopped tomatoes in olive oil with a pinch of salt; tear in the basil at the end.',
  ],
}

const meta = {
  title: 'Structured output/JsonView',
  component: JsonView,
  args: { value: RECIPE, label: 'Recipe' },
} satisfies Meta<typeof JsonView>
export default meta
type Story = StoryObj<typeof meta>

/** A complete value: objects and arrays open three levels deep, each one collapsible. */
export const Complete: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const ingredients = canvas.getByText('ingredients').closest('summary') as HTMLElement
    await expect(ingredients.closest('details')).toHaveAttribute('open')
    await userEvent.click(ingredients)
    await expect(ingredients.closest('details')).not.toHaveAttribute('open')
    await expect(ingredients).toHaveTextContent('ingredients: [ 3 items ]')
    await userEvent.click(ingredients)
    await expect(ingredients.closest('details')).toHaveAttribute('open')
  },
}

/** A value cut mid-stream, as `useObjectCompletion` gives it: a caret marks where it grows. */
export const Partial: Story = {
  args: {
    streaming: true,
    value: {
      title: 'Tomato Basil Pasta',
      cuisine: 'italian',
      ingredients: [{ name: 'spaghetti', amount: '200 g' }, { name: 'toma' }],
    },
  },
}

/** Only the first level open: every object and array below shows its size. */
export const Collapsed: Story = { args: { defaultExpandDepth: 1 } }

/** Nothing has arrived yet. */
export const Empty: Story = { args: { value: undefined } }

const RECIPE_TEXT = JSON.stringify(RECIPE)

/** The JSON text streamed a few characters at a time through the incremental parser. */
function StreamedJsonView() {
  const { text, done } = useSimulatedStream(RECIPE_TEXT, { chunk: 6, intervalMs: 30 })
  // One parser per stream; each render pushes only what arrived since the last one.
  const state = useMemo(() => ({ parser: createPartialJsonParser(), read: 0 }), [])
  if (text.length > state.read) {
    state.parser.push(text.slice(state.read))
    state.read = text.length
  }
  return (
    <div data-done={done}>
      <JsonView value={state.parser.snapshot()} streaming={!done} label="Recipe" />
    </div>
  )
}

/** The object fills in as its JSON streams; finished parts keep their place. */
export const FillsIn: Story = {
  render: () => <StreamedJsonView />,
  play: async ({ canvasElement }) => {
    const view = within(canvasElement).getByRole('group', { name: 'Recipe' })
    await waitFor(() => expect(view).toHaveAttribute('aria-busy', 'true'))
    await waitFor(() => expect(view).toHaveTextContent('ingredients'), { timeout: 5000 })
    await expect(view).not.toHaveTextContent('well-salted')
    await waitFor(() => expect(view).toHaveAttribute('aria-busy', 'false'), { timeout: 5000 })
    await expect(view).toHaveTextContent('tear in the basil at the end.')
  },
}
