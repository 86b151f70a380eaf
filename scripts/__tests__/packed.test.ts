import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_FILES, APP_PEERS, appManifest } from '../packed/app.ts'
import { listFiles, packageRoots, stringsIn } from '../packed/files.ts'

// The packages as npm publishes them: built, packed with `pnpm pack` (which applies publishConfig),
// checked file by file, then installed from the tarballs into a Vite + React app outside the
// workspace that brings its own React and an older TanStack Query. Slow (builds, an npm install):
// its own test project, `packed`.

const root = fileURLToPath(new URL('../..', import.meta.url))
const PACKAGES = ['client', 'react', 'ui', 'server'] as const
type PackageName = (typeof PACKAGES)[number]
const PEERS = ['react', 'react-dom', '@tanstack/react-query'] as const

const exec = promisify(execFile)
/** Runs a command; a failure's message carries what it printed (tsc's errors, say). */
const run = (command: string, args: string[], cwd: string) =>
  exec(command, args, {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, COREPACK_INTEGRITY_KEYS: '0' },
  }).catch((error: Error & { stdout?: string; stderr?: string }) => {
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}${error.stderr ?? ''}`,
    )
  })

let work: string
const unpacked = {} as Record<PackageName, string>
const tarballs = {} as Record<PackageName, string>
const manifests = {} as Record<PackageName, Record<string, unknown>>

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'kindling-packed-'))
  // CI runs `pnpm test` before its build step: build here what is packed.
  await run('pnpm', ['--filter', './packages/*', 'build'], root)
  for (const name of PACKAGES) {
    const { stdout } = await run(
      'pnpm',
      ['pack', '--pack-destination', join(work, 'tarballs')],
      join(root, 'packages', name),
    )
    const tarball = stdout
      .trim()
      .split('\n')
      .reverse()
      .find((line) => line.endsWith('.tgz'))
    if (!tarball) throw new Error(`pnpm pack printed no tarball for ${name}:\n${stdout}`)
    tarballs[name] = tarball
    unpacked[name] = join(work, 'unpacked', name)
    await mkdir(unpacked[name], { recursive: true })
    await run('tar', ['xzf', tarball, '-C', unpacked[name], '--strip-components=1'], work)
    manifests[name] = JSON.parse(await readFile(join(unpacked[name], 'package.json'), 'utf8'))
  }
}, 600_000)

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

describe('the packed packages', () => {
  it.each(PACKAGES)('@kindling/%s points only at built files it ships', async (name) => {
    const manifest = manifests[name]
    const files = await listFiles(unpacked[name])
    const targets = stringsIn([manifest.exports, manifest.main, manifest.types, manifest.bin])
    expect(targets.length).toBeGreaterThan(2)
    for (const target of targets) {
      expect(target).toMatch(/^\.\/(dist\/|package\.json$)/)
      expect(files).toContain(target.slice(2))
    }
    expect(files.filter((file) => !file.startsWith('dist/')).sort()).toEqual([
      'LICENSE',
      'README.md',
      'package.json',
    ])
    const ranges = stringsIn([manifest.dependencies, manifest.peerDependencies])
    expect(ranges.filter((range) => range.startsWith('workspace:'))).toEqual([])
  })

  it.each(PACKAGES)('@kindling/%s carries its licence and metadata', async (name) => {
    const manifest = manifests[name]
    expect(manifest.license).toBe('MIT')
    expect(await readFile(join(unpacked[name], 'LICENSE'), 'utf8')).toMatch(/^MIT License/)
    expect(manifest.engines).toEqual({ node: '>=20.19' })
    expect(manifest.repository).toMatchObject({ type: 'git', directory: `packages/${name}` })
    expect(manifest.sideEffects).toBeDefined()
  })

  it('keeps the stylesheet of @kindling/ui as a side effect', () => {
    const sideEffects = manifests.ui.sideEffects as string[]
    expect(sideEffects.some((pattern) => pattern.endsWith('*.css'))).toBe(true)
  })

  it("starts the React builds with 'use client', and nothing else", async () => {
    const directive = /^['"]use client['"];?\n/
    for (const name of PACKAGES) {
      const scripts = (await listFiles(unpacked[name])).filter((file) => file.endsWith('.js'))
      for (const file of scripts) {
        const text = await readFile(join(unpacked[name], file), 'utf8')
        expect(directive.test(text), `${name}/${file}`).toBe(name === 'react' || name === 'ui')
      }
    }
  })

  it('leaves React, React DOM and TanStack Query to the app (peers, not dependencies)', () => {
    const dependencies = (name: PackageName) => Object.keys((manifests[name].dependencies as object) ?? {})
    const peers = (name: PackageName) => Object.keys((manifests[name].peerDependencies as object) ?? {})
    expect(peers('react').sort()).toEqual(['@tanstack/react-query', 'react'])
    expect(peers('ui').sort()).toEqual(['react', 'react-dom'])
    for (const name of PACKAGES) {
      expect(dependencies(name)).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(react|react-dom|@tanstack\/react-query)$/)]),
      )
    }
  })
})

describe.each(APP_PEERS)(
  'a Vite + React app (React $react, TanStack Query $query) that installs the tarballs',
  (peers) => {
    let app: string
    let server: ChildProcess | undefined

    beforeAll(async () => {
      app = join(work, `app-react-${peers.react}`)
      for (const [path, text] of Object.entries(APP_FILES)) {
        await mkdir(dirname(join(app, path)), { recursive: true })
        await writeFile(join(app, path), text)
      }
      const files = Object.fromEntries(PACKAGES.map((name) => [`@kindling/${name}`, tarballs[name]]))
      await writeFile(join(app, 'package.json'), JSON.stringify(appManifest(peers, files), null, 2))
      // npm, as most users install; only the npm registry is used.
      await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], app)
    }, 600_000)

    afterAll(() => {
      if (server?.pid && server.exitCode === null) server.kill('SIGTERM')
    })

    it('has one copy of each peer in node_modules', async () => {
      const manifestsInstalled = (await listFiles(join(app, 'node_modules')))
        .filter((file) => file.endsWith('/package.json'))
        .map((file) => `/node_modules/${file}`)
      for (const peer of PEERS) expect(packageRoots(manifestsInstalled, peer), peer).toHaveProperty('size', 1)
      const installed = async (name: string) =>
        JSON.parse(await readFile(join(app, 'node_modules', name, 'package.json'), 'utf8')).version
      expect(await installed('@tanstack/react-query')).toBe(peers.query)
      expect(await installed('react')).toBe(peers.react)
    })

    it('typechecks (library types included) and builds with one copy of each peer in the bundle', async () => {
      await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], app)
      await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], app)
      const modules: string[] = JSON.parse(await readFile(join(app, 'bundled-modules.json'), 'utf8'))
      for (const name of [
        ...PEERS,
        '@tanstack/query-core',
        '@kindling/react',
        '@kindling/client',
        '@kindling/ui',
      ]) {
        expect(packageRoots(modules, name), name).toHaveProperty('size', 1)
      }
    }, 300_000)

    it('runs the kindling-server bin as `npx kindling-server` does', async () => {
      server = spawn(join(app, 'node_modules/.bin/kindling-server'), ['--port', '0', '--delay', '0'], {
        cwd: app,
      })
      let output = ''
      server.stdout?.on('data', (data) => {
        output += data
      })
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /listening on (http:\/\/\S+)/.exec(output)
          if (match?.[1]) {
            clearInterval(timer)
            resolve(match[1])
          }
        }, 50)
        server?.on('exit', (code) => reject(new Error(`kindling-server exited with ${code}: ${output}`)))
      })
      const models = (await (await fetch(`${url}/v1/models`)).json()) as { data: { id: string }[] }
      expect(models.data.map((model) => model.id)).toContain('kindling-echo')
    })
  },
)
