import type { DeepPartial } from '@kindling/client'
import { z } from 'zod'
import './RecipeCard.css'

// A story-only card that renders a recipe as it streams: every field has its place (a placeholder
// of the same height until it arrives), so the card fills in without moving.

/** The recipe the built-in model is asked for. */
export const Recipe = z.object({
  title: z.string(),
  cuisine: z.enum(['italian', 'thai', 'mexican', 'french']),
  servings: z.int().min(1).max(8),
  minutes: z.int().min(10).max(90),
  ingredients: z
    .array(
      z.object({
        item: z.enum(['spaghetti', 'tomatoes', 'basil', 'garlic', 'olive oil', 'parmesan', 'chili flakes']),
        amount: z.enum(['200 g', '4 ripe', 'a handful', '2 cloves', '3 tbsp', '40 g', 'a pinch']),
      }),
    )
    .min(3)
    .max(6),
  steps: z
    .array(
      z.enum([
        'Boil the pasta in well-salted water until just tender.',
        'Soften the garlic in olive oil over a low heat.',
        'Add the tomatoes and cook until they collapse into a sauce.',
        'Toss the pasta through the sauce with a splash of its water.',
        'Tear in the basil and finish with parmesan.',
      ]),
    )
    .min(3)
    .max(5),
})

/** A recipe, complete or partial. */
export type RecipeValue = z.output<typeof Recipe>

const Placeholder = ({ width }: { width: string }) => (
  <span className="recipe-card__placeholder" style={{ width }} aria-hidden="true" />
)

/** The recipe card: title, facts, ingredients and steps, each shown once it arrives. */
export function RecipeCard({ recipe }: { recipe: DeepPartial<RecipeValue> | undefined }) {
  const ingredients = recipe?.ingredients ?? []
  const steps = recipe?.steps ?? []
  return (
    <article className="recipe-card">
      <h3 className="recipe-card__title">{recipe?.title ?? <Placeholder width="60%" />}</h3>
      <dl className="recipe-card__facts">
        <div>
          <dt>Cuisine</dt>
          <dd className="recipe-card__cuisine">{recipe?.cuisine ?? <Placeholder width="4rem" />}</dd>
        </div>
        <div>
          <dt>Serves</dt>
          <dd>{recipe?.servings ?? <Placeholder width="1.5rem" />}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>{recipe?.minutes === undefined ? <Placeholder width="3rem" /> : `${recipe.minutes} min`}</dd>
        </div>
      </dl>
      <h4 className="recipe-card__heading">Ingredients</h4>
      <ul className="recipe-card__ingredients">
        {ingredients.length === 0 && (
          <li>
            <Placeholder width="50%" />
          </li>
        )}
        {ingredients.map((ingredient, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items only append while streaming
          <li key={index}>
            <span>{ingredient?.item ?? <Placeholder width="5rem" />}</span>
            <span className="recipe-card__amount">{ingredient?.amount}</span>
          </li>
        ))}
      </ul>
      <h4 className="recipe-card__heading">Steps</h4>
      <ol className="recipe-card__steps">
        {steps.length === 0 && (
          <li>
            <Placeholder width="80%" />
          </li>
        )}
        {steps.map((step, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items only append while streaming
          <li key={index}>{step}</li>
        ))}
      </ol>
    </article>
  )
}
