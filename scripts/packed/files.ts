import { readdir } from 'node:fs/promises'
import { join } from 'node:path'

/** Every file under `dir`, as paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
}

/** Every string value in a JSON value (the file paths of an `exports` map, say). */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn)
  return []
}

/**
 * The directories of each installed copy of `name` in an app's `node_modules`, found from the paths
 * of files that belong to it (bundled module ids, or package.json files).
 */
export function packageRoots(paths: string[], name: string): Set<string> {
  const marker = `/node_modules/${name}/`
  const roots = new Set<string>()
  for (const path of paths) {
    const at = path.lastIndexOf(marker)
    if (at !== -1) roots.add(path.slice(0, at + marker.length))
  }
  return roots
}
