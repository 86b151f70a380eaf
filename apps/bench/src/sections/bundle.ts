import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type Metafile, type Plugin } from 'esbuild'
import { installedVersion } from '../machine.ts'
import { fixed, type SectionResult } from '../report.ts'

// Bundle size: what an app pays for each package, built the same way for everyone with esbuild
// (ESM, browser, minified, production), React and React DOM left out. Kindling builds from its
// TypeScript sources (the workspace packages' `exports` point at `src/`). Two sizes per package: the whole
// public entry (`export * as all from …`, so nothing is shaken off) and the imports a chat app
// typically writes. Lazily imported chunks (code highlighting) are reported apart.

/** One package (or set of packages) to bundle. */
export interface BundleCase {
  name: string
  /** Module text exporting the whole public entry. */
  whole: string
  /** Module text with the imports a chat app typically writes. */
  typical?: string
  /** Keep every bare import out (for "own code" rows). */
  ownCodeOnly?: boolean
  /** Installed package whose version is reported. */
  versionOf: string[]
}

/** The client's size target: what a browser app loads first to stream one chat answer. */
export const CLIENT_STREAMED_CHAT = '@kindling/client: createClient + a streamed chat'

/** A browser app that creates a client and streams a chat answer: all the client it ships. */
const streamedChatApp = `import { createClient } from '@kindling/client'
export async function chat(messages) {
  const stream = await createClient({ baseURL: '/v1' }).chatCompletion.create('m', messages, { stream: true })
  let text = ''
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
  return text
}`

/** The packages compared, Kindling first. */
export const BUNDLE_CASES: readonly BundleCase[] = [
  { name: CLIENT_STREAMED_CHAT, whole: streamedChatApp, versionOf: [] },
  {
    name: '@kindling/client',
    whole: `export * as all from '@kindling/client'`,
    typical: `export { createClient } from '@kindling/client'`,
    versionOf: [],
  },
  {
    name: '@kindling/react (with its dependencies)',
    whole: `export * as all from '@kindling/react'`,
    typical: `export { KindlingProvider, useChatCompletion } from '@kindling/react'`,
    versionOf: ['zustand', '@tanstack/react-query'],
  },
  {
    name: '@kindling/react (own code only)',
    whole: `export * as all from '@kindling/react'`,
    typical: `export { KindlingProvider, useChatCompletion } from '@kindling/react'`,
    ownCodeOnly: true,
    versionOf: [],
  },
  {
    name: '@kindling/ui (with react, client and dependencies)',
    whole: `export * as all from '@kindling/ui'`,
    typical: `export { MessageList, Message, Composer } from '@kindling/ui'`,
    versionOf: ['react-markdown'],
  },
  {
    name: 'Kindling chat app (client + react + ui)',
    whole: `export * as client from '@kindling/client'; export * as react from '@kindling/react'; export * as ui from '@kindling/ui'`,
    typical: `export { createClient } from '@kindling/client'; export { KindlingProvider, useChatCompletion } from '@kindling/react'; export { MessageList, Message, Composer } from '@kindling/ui'`,
    versionOf: [],
  },
  {
    name: 'openai',
    whole: `export * as all from 'openai'; export { default } from 'openai'`,
    typical: `export { default } from 'openai'`,
    versionOf: ['openai'],
  },
  {
    name: 'ai + @ai-sdk/react',
    whole: `export * as ai from 'ai'; export * as react from '@ai-sdk/react'`,
    typical: `export { useChat } from '@ai-sdk/react'; export { DefaultChatTransport } from 'ai'`,
    versionOf: ['ai', '@ai-sdk/react'],
  },
  {
    name: '@assistant-ui/react',
    whole: `export * as all from '@assistant-ui/react'`,
    typical: `export { AssistantRuntimeProvider, useLocalRuntime, ThreadPrimitive, MessagePrimitive, ComposerPrimitive } from '@assistant-ui/react'`,
    versionOf: ['@assistant-ui/react'],
  },
]

/** Sizes of one build, in bytes. */
export interface BundleSize {
  /** What loads with the entry: the entry chunk and every chunk it imports statically. */
  initialMin: number
  initialGzip: number
  /** Chunks only reached through `import()`. */
  lazyMin: number
  lazyGzip: number
}

const benchDir = fileURLToPath(new URL('../..', import.meta.url))

const reactIsExternal: Plugin = {
  name: 'react-external',
  setup(build) {
    build.onResolve({ filter: /^(react|react-dom)(\/.*)?$/ }, (args) => ({ path: args.path, external: true }))
  },
}

// Every bare import is external, so only the entry package's own files are counted.
const bareImportsAreExternal: Plugin = {
  name: 'own-code-only',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.kind === 'entry-point' || args.importer === '<stdin>'
        ? undefined
        : { path: args.path, external: true },
    )
  },
}

function staticClosure(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path)
    }
  }
  visit(entry)
  return seen
}

/** Bundles `source` (module text) and measures its output, min and min+gzip (level 9). */
export async function bundleSize(
  source: string,
  ownCodeOnly = false,
  external: string[] = [],
): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: source, resolveDir: benchDir, loader: 'ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    absWorkingDir: benchDir,
    outdir: 'bundle-out',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'empty' },
    logLevel: 'silent',
    external,
    plugins: ownCodeOnly ? [reactIsExternal, bareImportsAreExternal] : [reactIsExternal],
  })
  const metafile = result.metafile as Metafile
  const entry = Object.keys(metafile.outputs).find((file) => metafile.outputs[file]?.entryPoint !== undefined)
  if (entry === undefined) throw new Error('esbuild produced no entry chunk')
  const initial = staticClosure(metafile, entry)
  const size: BundleSize = { initialMin: 0, initialGzip: 0, lazyMin: 0, lazyGzip: 0 }
  for (const file of result.outputFiles) {
    if (!file.path.endsWith('.js')) continue
    const min = file.contents.length
    const gzip = gzipSync(file.contents, { level: 9 }).length
    if (initial.has(relative(benchDir, file.path))) {
      size.initialMin += min
      size.initialGzip += gzip
    } else {
      size.lazyMin += min
      size.lazyGzip += gzip
    }
  }
  return size
}

/** Minified and gzipped size of a CSS file, as an app that imports it ships it. */
async function cssSize(specifier: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents: `@import '${specifier}';`, resolveDir: benchDir, loader: 'css' },
    bundle: true,
    minify: true,
    write: false,
    absWorkingDir: benchDir,
    outdir: 'bundle-out',
    logLevel: 'silent',
  })
  const css = result.outputFiles.find((file) => file.path.endsWith('.css'))
  return css
    ? { min: css.contents.length, gzip: gzipSync(css.contents, { level: 9 }).length }
    : { min: 0, gzip: 0 }
}

const kb = (bytes: number) => fixed(bytes / 1024, 1)

/** Builds every case, whole entry and typical imports, and checks Kindling's size targets. */
export async function runBundle(cases: readonly BundleCase[] = BUNDLE_CASES): Promise<SectionResult> {
  const measured: {
    name: string
    whole: BundleSize
    typical: BundleSize | undefined
    versions: Record<string, string>
  }[] = []
  for (const item of cases) {
    const whole = await bundleSize(item.whole, item.ownCodeOnly)
    const typical = item.typical ? await bundleSize(item.typical, item.ownCodeOnly) : undefined
    const versions = Object.fromEntries(item.versionOf.map((name) => [name, installedVersion(name)]))
    measured.push({ name: item.name, whole, typical, versions })
  }
  const styles = await cssSize('@kindling/ui/styles.css').catch(() => undefined)
  const gz = (name: string) => measured.find((m) => m.name === name)?.whole.initialGzip ?? Number.NaN
  const streamedChat = gz(CLIENT_STREAMED_CHAT)
  // Where the first chunk's bytes go: the same build with eventsource-parser left out. zod and the
  // schemas are in a lazy chunk, loaded only to explain a rejected response or for a whole one.
  const chatCase = cases.find((c) => c.name === CLIENT_STREAMED_CHAT)
  const chatBuild = chatCase ? await bundleSize(chatCase.whole) : undefined
  const ownCode = chatCase
    ? (await bundleSize(chatCase.whole, false, ['eventsource-parser'])).initialGzip
    : Number.NaN
  const clientParts = {
    ownCode,
    eventsourceParser: streamedChat - ownCode,
    lazyZodAndSchemas: chatBuild?.lazyGzip ?? Number.NaN,
  }
  const reactOwn = gz('@kindling/react (own code only)')
  const rows = measured.map((m) => [
    m.name,
    kb(m.whole.initialMin),
    kb(m.whole.initialGzip),
    m.typical ? kb(m.typical.initialGzip) : '–',
    m.whole.lazyGzip > 0 ? kb(m.whole.lazyGzip) : '–',
  ])
  if (styles) rows.push(['@kindling/ui/styles.css (CSS)', kb(styles.min), kb(styles.gzip), '–', '–'])
  return {
    section: 'bundle',
    title: 'Bundle size (esbuild, ESM, minified, React excluded; KB = 1,024 bytes)',
    columns: [
      'package',
      'whole entry min KB',
      'whole entry min+gz KB',
      'typical imports min+gz KB',
      'lazy chunks min+gz KB',
    ],
    rows,
    targets: [
      {
        name: 'createClient + a streamed chat: initial chunk ≤ 10 KB min+gz',
        measured: `${kb(streamedChat)} KB`,
        met: streamedChat <= 10 * 1024,
      },
      {
        name: '@kindling/react own code ≤ 6 KB min+gz',
        measured: `${kb(reactOwn)} KB`,
        met: reactOwn <= 6 * 1024,
      },
    ],
    notes: [
      '"whole entry" keeps every export (`export * as all from …`); "typical imports" is what a chat app imports (client: createClient; react: KindlingProvider + useChatCompletion; ui: MessageList, Message, Composer; openai: the OpenAI class; ai: useChat + DefaultChatTransport; assistant-ui: runtime provider, useLocalRuntime and the thread/message/composer primitives).',
      `"${CLIENT_STREAMED_CHAT}" is a module that creates a client and streams one chat answer (the client's size target): the initial chunk is its own code ${kb(clientParts.ownCode)} KB (requests, retries, timeouts, typed errors, streams, hand-written chunk checks, accumulators, logger) and eventsource-parser ${kb(clientParts.eventsourceParser)} KB; zod/mini and the response schemas (${kb(clientParts.lazyZodAndSchemas)} KB) are a lazy chunk, loaded only to name the problem in a rejected response or to check a non-streamed one. The request schemas are in @kindling/client/schemas, which browser apps don't import.`,
      'Lazy chunks are only loaded through import() (e.g. code highlighting) and are not in the min+gz column.',
    ],
    data: { cases: measured, styles, clientParts },
  }
}
