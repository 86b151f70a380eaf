// The files of a throwaway Vite + React app that installs the packed packages as a user would.

/** What an app brings itself: its React and its TanStack Query, each somewhere in our peer ranges. */
export interface AppPeers {
  react: string
  reactTypes: string
  reactDomTypes: string
  query: string
}

/**
 * The peer versions the app is built with: current React with an older TanStack Query, and the
 * oldest of both ranges (React 18 with TanStack Query 5.0).
 */
export const APP_PEERS: AppPeers[] = [
  { react: '19.3.1', reactTypes: '19.3.0', reactDomTypes: '19.3.0', query: '5.90.21' },
  { react: '18.3.1', reactTypes: '18.3.32', reactDomTypes: '18.3.7', query: '5.0.5' },
]

/** The app's package.json, with the Kindling packages as tarballs. */
export function appManifest(peers: AppPeers, tarballs: Record<string, string>): object {
  const kindling = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]))
  return {
    name: 'kindling-packed-app',
    private: true,
    type: 'module',
    dependencies: {
      ...kindling,
      react: peers.react,
      'react-dom': peers.react,
      '@tanstack/react-query': peers.query,
    },
    // The tools at the workspace's versions (so the registry's cache usually has them).
    devDependencies: {
      '@types/react': peers.reactTypes,
      '@types/react-dom': peers.reactDomTypes,
      '@types/node': '20.19.43',
      '@vitejs/plugin-react': '6.3.0',
      typescript: '6.0.3',
      vite: '8.3.8',
    },
  }
}

/** Files of the app by path. */
export const APP_FILES: Record<string, string> = {
  'index.html': `<!doctype html>
<html lang="en">
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`,
  'src/main.tsx': `import '@kindling/ui/styles.css'
import { createClient } from '@kindling/client'
import { KindlingProvider } from '@kindling/react'
import { Chat } from '@kindling/ui'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

// The app's own QueryClientProvider: Kindling must use it, which it can only with one copy of TanStack Query.
const queryClient = new QueryClient()
const client = createClient({ baseURL: '/v1', apiKey: null })

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <KindlingProvider client={client}>
        <Chat model="kindling-text" />
      </KindlingProvider>
    </QueryClientProvider>
  </StrictMode>,
)
`,
  'src/server.ts': `import { startServer } from '@kindling/server'

const server = await startServer({ port: 0, delayMs: 0 })
console.log(server.url)
await server.close()
`,
  'vite.config.ts': `import { writeFileSync } from 'node:fs'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [
    react(),
    {
      // Every module that went into the bundle, for the test to count copies of each package.
      name: 'list-modules',
      generateBundle(_, bundle) {
        const ids = Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? file.moduleIds : []))
        writeFileSync('bundled-modules.json', JSON.stringify(ids))
      },
    },
  ],
})
`,
  'tsconfig.json': `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        module: 'ESNext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['node', 'vite/client'],
      },
      include: ['src', 'vite.config.ts'],
    },
    null,
    2,
  )}\n`,
}
