import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { machineInfo, peerVersions } from './machine.ts'
import { type SectionResult, sectionMarkdown } from './report.ts'
import { SECTIONS } from './sections.ts'

// `pnpm bench [section…]`: runs the sections (all by default), prints markdown, and writes
// results.json beside package.json. A section run alone replaces only its own entry there.

const resultsPath = new URL('../results.json', import.meta.url)

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((arg) => arg !== '--')
  const unknown = asked.filter((name) => !(name in SECTIONS))
  if (unknown.length > 0) {
    console.error(`Unknown section ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}`)
    process.exit(2)
  }
  const names = asked.length > 0 ? asked : Object.keys(SECTIONS)
  if (!(globalThis as { gc?: unknown }).gc) console.error('warning: run with --expose-gc for stable numbers')
  const machine = machineInfo()
  const versions = peerVersions()
  console.log(
    `# Kindling benchmarks\n\nNode ${machine.node} · ${machine.cpu} × ${machine.cores} · ${machine.memoryGiB} GiB\n`,
  )
  const previous = existsSync(resultsPath)
    ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as { sections?: Record<string, unknown> })
    : {}
  const sections: Record<string, unknown> = { ...previous.sections }
  let failed = false
  for (const name of names) {
    const run = SECTIONS[name] as (size: 'full') => Promise<SectionResult>
    try {
      const result = await run('full')
      console.log(`${sectionMarkdown(result)}\n`)
      sections[name] = { measuredAt: new Date().toISOString(), ...result }
    } catch (error) {
      failed = true
      console.error(`section ${name} failed:`, error)
    }
    writeFileSync(
      resultsPath,
      `${JSON.stringify({ updatedAt: new Date().toISOString(), machine, versions, sections }, null, 2)}\n`,
    )
  }
  // The repository's formatter owns JSON layout; format the file so `pnpm lint` stays clean.
  spawnSync('pnpm', ['exec', 'biome', 'format', '--write', fileURLToPath(resultsPath)], { stdio: 'ignore' })
  console.log(
    `Versions: ${Object.entries(versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(' · ')}`,
  )
  if (failed) process.exitCode = 1
}

await main()
