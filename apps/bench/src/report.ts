/** One target from the benchmarks issue, checked against what was measured. */
export interface Target {
  /** What is compared, e.g. `Kindling ≥ 0.85× floor`. */
  name: string
  /** What was measured, formatted for the table. */
  measured: string
  met: boolean
}

/** What one section returns: a table for people and the raw numbers for `results.json`. */
export interface SectionResult {
  section: string
  title: string
  columns: string[]
  rows: (string | number)[][]
  targets: Target[]
  notes: string[]
  /** Everything measured, for `results.json`. */
  data: Record<string, unknown>
}

/** A markdown table; numbers are printed as they are, so sections format their own. */
export function markdownTable(
  columns: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.map(String).join(' | ')} |`
  const rule = `|${columns.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`
  return [line(columns), rule, ...rows.map(line)].join('\n')
}

/** A section as markdown: heading, table, targets, notes. */
export function sectionMarkdown(result: SectionResult): string {
  const parts = [`## ${result.title}`, '', markdownTable(result.columns, result.rows)]
  if (result.targets.length > 0) {
    parts.push('', ...result.targets.map((t) => `- ${t.met ? '✅' : '❌'} ${t.name}: ${t.measured}`))
  }
  if (result.notes.length > 0) parts.push('', ...result.notes.map((note) => `> ${note}`))
  return parts.join('\n')
}

/** `1234567.8` → `1,234,568`. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/** A number with `digits` decimals. */
export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a'
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** A percentile (0–100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] as number
}

/** Runs a full GC when Node was started with `--expose-gc`; a no-op otherwise. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) {
    gc()
    gc()
  }
}
