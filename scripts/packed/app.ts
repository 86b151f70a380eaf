// The files of a throwaway Vite + React app that installs the packed packages as a user would.

/** Versions the app brings itself: its own React and an older TanStack Query, inside our peer ranges. */
export const APP_DEPENDENCIES = {
  react: '19.3.1',
  'react-dom': '19.3.1',
  '@tanstack/react-query': '5.90.21',
}

/** Its tools, the versions the workspace uses (so the registry's cache usually has them). */
export const APP_DEV_DEPENDENCIES = {
  '@types/react': '19.3.0',
  '@types/react-dom': '19.3.0',
  '@types/node': '20.19.43',
  '@vitejs/plugin-react': '6.3.0',
  typescript: '6.0.3',
  vite: '8.3.8',
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
