import { execFile } from 'node:child_process'
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { extractCodeBlocks } from './extractCodeBlocks.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const here = fileURLToPath(new URL('.', import.meta.url))
const generatedDir = join(here, 'generated')
const tsc = join(root, 'node_modules/typescript/bin/tsc')

/** A Markdown file to check: its path (for messages) and its text. */
export interface MarkdownFile {
  path: string
  text: string
}

/** A TypeScript error, placed at its line in the Markdown file. */
export interface ExampleError {
  at: string
  message: string
}

/**
 * Typechecks every ```ts and ```tsx block of the given Markdown files (except ```ts nocheck) against
 * the workspace sources, each block as a module of its own with `globals.d.ts` in scope, in one
 * `tsc` run. Returns the errors, each at `README path:line`.
 */
export async function typecheckExamples(files: MarkdownFile[]): Promise<ExampleError[]> {
  await rm(generatedDir, { recursive: true, force: true })
  await mkdir(generatedDir, { recursive: true })
  await copyFile(join(here, 'App.tsx'), join(generatedDir, 'App.tsx'))
  const origins = new Map<string, { path: string; line: number }>()
  for (const file of files) {
    for (const block of extractCodeBlocks(file.text)) {
      if ((block.lang !== 'ts' && block.lang !== 'tsx') || /\bnocheck\b/.test(block.meta)) continue
      const name = `${file.path.replace(/[^\w]+/g, '_')}_L${block.line}.${block.lang}`
      // `export {}` makes every block a module, so its names shadow the globals and stay its own.
      await writeFile(join(generatedDir, name), `${block.code}\nexport {}\n`)
      origins.set(name, { path: file.path, line: block.line })
    }
  }
  const tsconfig = {
    extends: relative(generatedDir, join(root, 'tsconfig.base.json')),
    // `vite/client`: CSS imports type as they do in a Vite app.
    compilerOptions: { types: ['node', 'vite/client'] },
    files: ['../globals.d.ts', 'App.tsx', ...origins.keys()],
  }
  await writeFile(join(generatedDir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2))
  const output = await promisify(execFile)(process.execPath, [tsc, '-p', generatedDir, '--pretty', 'false'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    (result) => result.stdout,
    (error: { stdout?: string }) => error.stdout ?? String(error),
  )
  const errors: ExampleError[] = []
  for (const line of output.split('\n')) {
    const match = /^(.+?)\((\d+),(\d+)\): error (.*)$/.exec(line)
    if (!match) continue
    const [, file = '', lineNumber = '0', , message = ''] = match
    const origin = origins.get(relative(generatedDir, join(root, file)))
    errors.push({
      at: origin ? `${origin.path}:${origin.line + Number(lineNumber) - 1}` : file,
      message,
    })
  }
  if (errors.length === 0 && /error/i.test(output)) errors.push({ at: 'tsc', message: output })
  return errors
}
