import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// Every changeset starts with a front matter Changesets can read: package names of this repo and
// their bumps. A markdown formatter once turned a one-package front matter into a heading, which
// `changeset version` would have dropped without a word.

const dir = fileURLToPath(new URL('../../.changeset', import.meta.url))
const packages = ['@kindling/client', '@kindling/react', '@kindling/ui', '@kindling/server']
const changesets = readdirSync(dir).filter((file) => file.endsWith('.md') && file !== 'README.md')

describe('changesets', () => {
  it.each(changesets)('%s has a readable front matter and a summary', (file) => {
    const text = readFileSync(`${dir}/${file}`, 'utf8')
    const match = /^---\n((?:"[^"]+": (?:major|minor|patch)\n)+)---\n\n\S/.exec(text)
    expect(
      match,
      `${file} must start with ---, "package": bump lines, ---, a blank line and the summary`,
    ).not.toBeNull()
    const named = [...(match?.[1] ?? '').matchAll(/"([^"]+)":/g)].map((m) => m[1])
    for (const name of named) expect(packages).toContain(name)
  })
})
