import type { DeepPartial } from '@kindling/client'
import './RecipeCard.css'
import type { RecipeValue } from './recipeSchema.ts'

// A story-only card that renders a recipe as it streams: every field has its place (a placeholder
// of the same height until it arrives), so the card fills in without moving.

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
