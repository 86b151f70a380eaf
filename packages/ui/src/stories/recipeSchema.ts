import { z } from 'zod'

// The recipe the stories ask the built-in model for (apart from the card: Node scripts import it).

/** What the recipe stories ask for (the seeded server answers the same recipe every time). */
export const RECIPE_PROMPT = 'Dinner tonight: Tomato Basil Pasta, please.'

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

/** A recipe. */
export type RecipeValue = z.output<typeof Recipe>
