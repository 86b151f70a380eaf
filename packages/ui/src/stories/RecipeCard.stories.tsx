import { useObjectCompletion } from '@kindling/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import '../styles.css'
import { JsonView } from '../JsonView/JsonView.tsx'
import { Button } from '../primitives/Button.tsx'
import { LiveKindling } from './live/LiveKindling.tsx'
import { expectLiveUnderTest, STREAM_TIMEOUT } from './live/play.ts'
import { RecipeCard } from './RecipeCard.tsx'
import { RECIPE_PROMPT, Recipe } from './recipeSchema.ts'

interface RecipeDemoProps {
  /** Milliseconds between streamed chunks (the server's `x-kindling-delay`). */
  delayMs: number
  /** The request's seed: the built-in model's answer follows it. */
  seed: number
  /** Ask as soon as the story opens. */
  autoStart: boolean
}

function RecipeGenerator({ seed, autoStart }: Omit<RecipeDemoProps, 'delayMs'>) {
  const { partial, object, status, outcome, error, submit, stop } = useObjectCompletion({
    model: 'kindling-text',
    schema: Recipe,
    name: 'recipe',
    params: { seed },
  })
  // biome-ignore lint/correctness/useExhaustiveDependencies: asks once, when the story opens
  useEffect(() => {
    if (autoStart) void submit(RECIPE_PROMPT)
  }, [])
  const busy = status === 'submitted' || status === 'streaming'
  const said =
    status === 'submitted'
      ? 'Asking…'
      : status === 'streaming'
        ? 'Filling in…'
        : outcome === 'done' && object
          ? `Done: ${object.ingredients.length} ingredients, checked against the schema.`
          : outcome === 'stopped'
            ? 'Stopped: the partial recipe is kept.'
            : ''
  return (
    <div className="recipe-demo">
      <div className="recipe-demo__toolbar">
        <Button variant="primary" onClick={() => void submit(RECIPE_PROMPT)}>
          {outcome ? 'Generate again' : 'Generate'}
        </Button>
        <Button onClick={stop} disabled={!busy}>
          Stop
        </Button>
        <span className="recipe-demo__status" role="status">
          {said}
        </span>
      </div>
      <section aria-label="Recipe card" aria-busy={busy} data-outcome={outcome}>
        <RecipeCard recipe={partial} />
      </section>
      <JsonView value={partial} streaming={status === 'streaming'} label="Recipe JSON" />
      {error && (
        <p className="recipe-demo__error" role="alert">
          {error.name}: {error.message}
        </p>
      )}
    </div>
  )
}

/** `useObjectCompletion` with a zod recipe schema, against the live embedded server. */
function RecipeDemo({ delayMs, ...props }: RecipeDemoProps) {
  return (
    <LiveKindling clientOptions={{ headers: { 'x-kindling-delay': String(delayMs) } }}>
      {() => <RecipeGenerator {...props} />}
    </LiveKindling>
  )
}

const meta = {
  title: 'Structured output/Recipe card (live server)',
  component: RecipeDemo,
  // Fast enough that the play test (two whole answers) stays well within its time on a busy machine.
  args: { delayMs: 12, seed: 4, autoStart: true },
} satisfies Meta<typeof RecipeDemo>
export default meta
type Story = StoryObj<typeof meta>

const card = (root: HTMLElement) => within(root).getByRole('region', { name: 'Recipe card' })

/** The recipe fills in field by field as the JSON streams, then is checked against the schema. */
export const FillsInLive: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await canvas.findByRole('button', { name: /Generate/ }, { timeout: STREAM_TIMEOUT })
    await expectLiveUnderTest(canvasElement)
    await waitFor(() => expect(card(canvasElement)).toHaveAttribute('data-outcome', 'done'), {
      timeout: STREAM_TIMEOUT,
    })
    // Again, slowly enough to see it half-way: a title and no steps yet.
    await userEvent.click(canvas.getByRole('button', { name: 'Generate again' }))
    await waitFor(
      () => {
        expect(card(canvasElement)).toHaveAttribute('aria-busy', 'true')
        expect(card(canvasElement).querySelector('h3')?.textContent).not.toBe('')
      },
      { timeout: STREAM_TIMEOUT, interval: 10 },
    )
    await waitFor(() => expect(card(canvasElement)).toHaveAttribute('data-outcome', 'done'), {
      timeout: STREAM_TIMEOUT,
    })
    await expect(canvas.getByRole('status')).toHaveTextContent(/checked against the schema/)
  },
}

/** Stop half-way: the partial recipe stays on the card. */
export const StopHalfWay: Story = {
  args: { delayMs: 60, autoStart: false },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const generate = await canvas.findByRole('button', { name: 'Generate' }, { timeout: STREAM_TIMEOUT })
    await expectLiveUnderTest(canvasElement)
    await userEvent.click(generate)
    await waitFor(() => expect(canvas.getByText('Cuisine').nextElementSibling?.textContent).not.toBe(''), {
      timeout: STREAM_TIMEOUT,
    })
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }))
    await expect(card(canvasElement)).toHaveAttribute('data-outcome', 'stopped')
    await expect(canvas.getByRole('status')).toHaveTextContent('Stopped')
    await expect(card(canvasElement).querySelector('h3')?.textContent).not.toBe('')
  },
}
