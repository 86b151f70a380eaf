import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { build } from 'vite'

const benchDir = fileURLToPath(new URL('../..', import.meta.url))
const renderDir = join(benchDir, 'render')

/**
 * Builds one page of `render/` (`render/<name>.html`) with Vite into `<name>-dist/`, workspace
 * packages from their sources (package exports), and returns that folder for `serveStatic`.
 */
export async function buildRenderPage(name: string): Promise<string> {
  const outDir = join(benchDir, `${name}-dist`)
  await build({
    root: renderDir,
    base: './',
    logLevel: 'error',
    configFile: false,
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      // BENCH_NO_MINIFY=1 keeps function names readable in a CPU profile of the page.
      ...(process.env.BENCH_NO_MINIFY ? { minify: false } : {}),
      rollupOptions: { input: { [name]: join(renderDir, `${name}.html`) } },
    },
  })
  return outDir
}
