import { fileURLToPath } from 'node:url'

const packagesDir = fileURLToPath(new URL('../packages/', import.meta.url))

/**
 * Vite aliases that resolve workspace packages to their TypeScript sources, so tests, Storybook and
 * the playground's dev server never need a prior build.
 */
export const workspaceAliases: { find: RegExp; replacement: string }[] = [
  { find: /^@kindling\/ui\/styles\.css$/, replacement: `${packagesDir}ui/src/styles.css` },
  { find: /^@kindling\/react\/core$/, replacement: `${packagesDir}react/src/core/index.ts` },
  { find: /^@kindling\/client\/schemas$/, replacement: `${packagesDir}client/src/schemasEntry.ts` },
  { find: /^@kindling\/(client|react|ui|server)$/, replacement: `${packagesDir}$1/src/index.ts` },
]

/**
 * The same for code that runs in Node (the `node` test project): `@kindling/client` resolves to
 * its Node entry, as Node itself resolves it, so the server and client tests run the chunk check
 * Node users get. The other projects run the browser entry.
 */
export const nodeWorkspaceAliases: { find: RegExp; replacement: string }[] = [
  { find: /^@kindling\/client$/, replacement: `${packagesDir}client/src/index.node.ts` },
  ...workspaceAliases,
]
