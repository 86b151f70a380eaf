import { fileURLToPath } from 'node:url'

const packagesDir = fileURLToPath(new URL('../packages/', import.meta.url))

/**
 * Vite aliases that resolve workspace packages to their TypeScript sources, so tests, Storybook and
 * the playground's dev server never need a prior build.
 */
export const workspaceAliases: { find: RegExp; replacement: string }[] = [
  { find: /^@kindling\/ui\/styles\.css$/, replacement: `${packagesDir}ui/src/styles.css` },
  { find: /^@kindling\/(client|react|ui|server)$/, replacement: `${packagesDir}$1/src/index.ts` },
]
