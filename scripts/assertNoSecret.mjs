// Fails when a built folder contains the given secret: `node scripts/assertNoSecret.mjs <dir> <secret>`.
// CI builds Storybook with a canary key in the environment and runs this on the output.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

const [dir, secret] = process.argv.slice(2)
if (!dir || !secret) {
  console.error('usage: node scripts/assertNoSecret.mjs <dir> <secret>')
  process.exit(2)
}
const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile())
const leaks = []
for (const file of files) {
  const path = join(file.parentPath ?? file.path, file.name)
  if ((await readFile(path)).includes(secret)) leaks.push(path)
}
if (leaks.length > 0) {
  console.error(`The secret is in ${leaks.length} built file(s):\n${leaks.join('\n')}`)
  process.exit(1)
}
console.log(`no secret in ${files.length} files under ${dir}`)
