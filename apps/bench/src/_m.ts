import { build } from 'esbuild'

const src = process.argv[2] as string
const r = await build({
  stdin: { contents: src, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  minify: true,
  write: false,
  metafile: true,
  outdir: 'o',
  conditions: ['@kindling/source'],
  external: ['react', 'react-dom', 'react/*'],
  logLevel: 'silent',
})
const out = Object.values(r.metafile.outputs)[0]!
const byPkg = new Map<string, number>()
for (const [k, v] of Object.entries(out.inputs)) {
  const m = k.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/)
  const key = m
    ? m[1]!
    : k
        .replace(/.*packages\//, 'packages/')
        .split('/')
        .slice(0, 2)
        .join('/')
  byPkg.set(key, (byPkg.get(key) ?? 0) + v.bytesInOutput)
}
for (const [k, v] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 12))
  console.log(String(v).padStart(8), k)
