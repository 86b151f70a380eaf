import { hashString, pick } from '../random.ts'

// Arguments a function-calling model would write for a tool: a value that satisfies the tool's JSON
// Schema (types, required and optional properties, enums, const, string lengths and formats, number
// bounds and multipleOf, array sizes and uniqueness, anyOf/oneOf/allOf, local $refs). Only `pattern`
// is not generated: a string under one is the first of the user's words, `examples` or `default`
// that matches it.

type Schema = Record<string, unknown>

/** How to sample: canonically (no `random`) or with seeded variation. */
export interface SampleOptions {
  /**
   * Absent: the canonical sample (every property, the first enum value or branch, 1 or the nearest
   * valid number, one array item). Given: seeded variation (optional properties sometimes left out,
   * any enum value, numbers anywhere in their bounds, a few array items).
   */
  random?: () => number
  /** The user's words, for free-form strings. */
  words: string
  /** Told the JSON bytes of each value as it is written; throws to stop a sample that grows too big. */
  spend?: (bytes: number) => void
}

interface Context extends SampleOptions {
  root: Schema
}

// Recursive schemas stop growing here: deeper objects get only their required properties and
// arrays only their minimum number of items.
const MAX_DEPTH = 6
const SEEDED_WORDS = ['Lisbon', 'Kyoto', 'tomorrow', 'blue', 'seven', 'the small one', 'Oslo', 'green tea']

const asSchema = (value: unknown): Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Schema) : {}
const numberOr = (value: unknown, fallback: number | undefined) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback

function resolveRef(node: Schema, root: Schema): Schema {
  let current = node
  for (let hops = 0; typeof current.$ref === 'string' && hops < 16; hops++) {
    const ref = current.$ref as string
    if (!ref.startsWith('#')) break
    let target: unknown = root
    for (const part of ref.slice(1).split('/').filter(Boolean)) {
      target = asSchema(target)[decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~')]
    }
    const { $ref: _, ...siblings } = current
    current = { ...asSchema(target), ...siblings }
  }
  return current
}

function mergeAll(node: Schema, root: Schema): Schema {
  const { allOf, ...rest } = node
  let merged: Schema = rest
  for (const part of Array.isArray(allOf) ? allOf : []) {
    const branch = resolveRef(asSchema(part), root)
    merged = {
      ...merged,
      ...branch,
      properties: { ...asSchema(merged.properties), ...asSchema(branch.properties) },
      required: [
        ...(Array.isArray(merged.required) ? merged.required : []),
        ...(Array.isArray(branch.required) ? branch.required : []),
      ],
    }
  }
  return merged
}

function typeOf(node: Schema, ctx: Context): string {
  const declared = Array.isArray(node.type) ? node.type.filter((t) => t !== 'null') : [node.type]
  const type = ctx.random && declared.length > 1 ? pick(ctx.random, declared) : declared[0]
  if (typeof type === 'string') return type
  if (Array.isArray(node.type) && node.type.includes('null')) return 'null'
  if ('properties' in node || 'required' in node) return 'object'
  if ('items' in node || 'prefixItems' in node) return 'array'
  if ('minimum' in node || 'maximum' in node || 'multipleOf' in node) return 'number'
  return 'string'
}

/** A value for `schema`; `variant` > 0 asks for a different one (for `uniqueItems`). */
function sample(schema: unknown, ctx: Context, depth: number, variant = 0): unknown {
  const value = sampleNode(schema, ctx, depth, variant)
  ctx.spend?.(
    typeof value === 'string' ? value.length + 2 : typeof value === 'object' && value !== null ? 2 : 8,
  )
  return value
}

// A const or enum value from the request is used only when it can be written back: one nested past
// what JSON.stringify can recurse into is passed over (the type decides instead).
function writable(value: unknown, ctx: Context): boolean {
  if (typeof value !== 'object' || value === null) return true
  try {
    ctx.spend?.(JSON.stringify(value).length)
    return true
  } catch (error) {
    if (error instanceof RangeError) return false
    throw error
  }
}

function sampleNode(schema: unknown, ctx: Context, depth: number, variant: number): unknown {
  let node = mergeAll(resolveRef(asSchema(schema), ctx.root), ctx.root)
  if ('const' in node && writable(node.const, ctx)) return node.const
  if (Array.isArray(node.enum) && node.enum.length > 0) {
    const start = ctx.random ? Math.floor(ctx.random() * node.enum.length) : 0
    const chosen: unknown = node.enum[(start + variant) % node.enum.length]
    if (writable(chosen, ctx)) return chosen
  }
  const branches = node.anyOf ?? node.oneOf
  if (Array.isArray(branches) && branches.length > 0) {
    const { anyOf: _a, oneOf: _o, ...siblings } = node
    const useful = branches.filter((branch) => asSchema(branch).type !== 'null')
    const candidates = useful.length > 0 ? useful : branches
    const branch = ctx.random ? pick(ctx.random, candidates) : candidates[0]
    node = { ...siblings, ...resolveRef(asSchema(branch), ctx.root) }
    return sample(node, ctx, depth + 1, variant)
  }
  switch (typeOf(node, ctx)) {
    case 'object':
      return sampleObject(node, ctx, depth)
    case 'array':
      return sampleArray(node, ctx, depth)
    case 'integer':
      return sampleNumber(node, ctx, true, variant)
    case 'number':
      return sampleNumber(node, ctx, false, variant)
    case 'boolean':
      return ctx.random ? ctx.random() < 0.5 : variant % 2 === 0
    case 'null':
      return null
    default:
      return sampleString(node, ctx, variant)
  }
}

function sampleObject(node: Schema, ctx: Context, depth: number): Record<string, unknown> {
  const properties = asSchema(node.properties)
  const required = new Set(Array.isArray(node.required) ? node.required.map(String) : [])
  const names = [...new Set([...Object.keys(properties), ...required])]
  const minProperties = numberOr(node.minProperties, 0) ?? 0
  const result: Record<string, unknown> = {}
  const skipped: string[] = []
  for (const name of names) {
    const include = required.has(name) || (depth < MAX_DEPTH && (!ctx.random || ctx.random() < 0.6))
    if (include) result[name] = sample(properties[name], ctx, depth + 1)
    else skipped.push(name)
  }
  for (const name of skipped) {
    if (Object.keys(result).length >= minProperties) break
    result[name] = sample(properties[name], ctx, depth + 1)
  }
  return result
}

function sampleArray(node: Schema, ctx: Context, depth: number): unknown[] {
  const prefix = Array.isArray(node.prefixItems)
    ? node.prefixItems
    : Array.isArray(node.items)
      ? node.items
      : []
  const items = Array.isArray(node.items) ? undefined : node.items
  const min = Math.max(numberOr(node.minItems, 0) ?? 0, node.items === false ? prefix.length : 0)
  const max = numberOr(node.maxItems, items === false ? prefix.length : Number.POSITIVE_INFINITY) ?? 0
  const wanted = depth >= MAX_DEPTH ? min : ctx.random ? min + Math.floor(ctx.random() * 4) : Math.max(min, 1)
  const count = Math.max(min, Math.min(wanted, max))
  const result: unknown[] = []
  const seen = new Set<string>()
  // Unique items: ask for other variants until one is new (enums and booleans run out).
  for (let i = 0, variant = 0; result.length < count && variant < count + 32; variant++) {
    const schema = i < prefix.length ? prefix[i] : items
    const value = sample(schema, ctx, depth + 1, node.uniqueItems ? variant : i)
    const key = JSON.stringify(value)
    if (node.uniqueItems && seen.has(key)) continue
    seen.add(key)
    result.push(value)
    i++
  }
  return result
}

function sampleNumber(node: Schema, ctx: Context, integer: boolean, variant: number): number {
  const exMin = numberOr(node.exclusiveMinimum, undefined)
  const exMax = numberOr(node.exclusiveMaximum, undefined)
  const step = numberOr(node.multipleOf, integer ? 1 : undefined)
  let lo = numberOr(node.minimum, undefined)
  let hi = numberOr(node.maximum, undefined)
  const gap = step ?? 1
  if (exMin !== undefined) lo = Math.max(lo ?? exMin, integer ? Math.floor(exMin) + 1 : exMin + gap / 2)
  if (exMax !== undefined) hi = Math.min(hi ?? exMax, integer ? Math.ceil(exMax) - 1 : exMax - gap / 2)
  if (lo !== undefined && hi !== undefined && lo > hi) lo = hi = (lo + hi) / 2
  const clamp = (value: number) => Math.min(hi ?? value, Math.max(lo ?? value, value))
  // Snap onto the step inside the bounds: k * step with k rounded toward the valid range.
  const snap = (value: number) => {
    if (step === undefined) return value
    let k = Math.round(value / step)
    if (lo !== undefined && k * step < lo) k = Math.ceil(lo / step)
    if (hi !== undefined && k * step > hi) k = Math.floor(hi / step)
    return k * step
  }
  const canonical = snap(clamp(1))
  if (!ctx.random) return snap(clamp(canonical + variant * gap))
  // A window around the canonical value keeps huge bounds (zod's safe-integer range) readable.
  const from = Math.max(lo ?? canonical - 50, canonical - 50)
  const to = Math.min(hi ?? canonical + 50, canonical + 50)
  const raw = from + ctx.random() * (to - from) + variant * gap
  return snap(clamp(integer || step !== undefined ? Math.round(raw) : Math.round(raw * 100) / 100))
}

function formatted(format: string, seed: number): string | undefined {
  const day = String(1 + (seed % 28)).padStart(2, '0')
  const hex = [0, 1, 2, 3].map((i) => hashString(`${seed}:${i}`).toString(16).padStart(8, '0')).join('')
  switch (format) {
    case 'date-time':
      return `2026-11-${day}T09:30:00Z`
    case 'date':
      return `2026-11-${day}`
    case 'time':
      return '09:30:00Z'
    case 'email':
      return `someone${seed % 100}@example.com`
    case 'uri':
    case 'url':
      return `https://example.com/item/${seed % 1000}`
    case 'uuid':
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`
    case 'hostname':
      return 'example.com'
    case 'ipv4':
      return `192.0.2.${seed % 255}`
    case 'ipv6':
      return '2001:db8::1'
    default:
      return undefined
  }
}

// The words a user would expect in an argument: the names in the message (capitalised words after
// the first), else the whole message.
function subjectOf(words: string): string {
  const names = words
    .split(/\s+/)
    .slice(1)
    .map((word) => word.replace(/[^\p{L}\p{N}'-]/gu, ''))
    .filter((word) => /^\p{Lu}/u.test(word))
  return names.length > 0 ? names.join(' ') : words
}

function fitLength(text: string, node: Schema): string {
  const min = numberOr(node.minLength, 0) ?? 0
  const max = numberOr(node.maxLength, Number.POSITIVE_INFINITY) ?? 0
  let chars = Array.from(text === '' && min > 0 ? 'x' : text)
  while (chars.length < min) chars = [...chars, ...Array.from(` ${text || 'x'}`)]
  return chars.slice(0, Math.max(min, Math.min(chars.length, max))).join('')
}

function sampleString(node: Schema, ctx: Context, variant: number): string {
  const seed = ctx.random ? Math.floor(ctx.random() * 1e6) : variant
  if (typeof node.format === 'string') {
    const value = formatted(node.format, seed + variant)
    if (value !== undefined) return value
  }
  const subject = subjectOf(ctx.words)
  const base = ctx.random && ctx.random() < 0.3 ? pick(ctx.random, SEEDED_WORDS) : subject
  const text = variant > 0 ? `${base} ${variant + 1}` : base
  if (typeof node.pattern === 'string') {
    const pattern = new RegExp(node.pattern, 'u')
    const candidates = [
      text,
      subject,
      ctx.words,
      ...(Array.isArray(node.examples) ? node.examples : []),
      node.default,
    ]
    const match = candidates.find((candidate) => typeof candidate === 'string' && pattern.test(candidate))
    if (typeof match === 'string') return match
  }
  return fitLength(text, node)
}

/** Arguments for a tool whose `parameters` is `schema` (an object; `{}` without a schema). */
export function sampleArguments(schema: unknown, options: SampleOptions): Record<string, unknown> {
  const root = asSchema(schema)
  const value = sample({ type: 'object', ...root }, { ...options, root }, 0)
  return asSchema(value)
}

/**
 * A value valid for `schema` at any root (object, array, string, …): the output a model constrained to
 * a JSON Schema writes (`response_format: json_schema`). `pattern` is the one constraint not followed.
 */
export function sampleJson(schema: unknown, options: SampleOptions): unknown {
  const root = asSchema(schema)
  return sample(root, { ...options, root }, 0)
}
