import { createPartialJsonParser } from '@kindling/client'
import { parsePartialJson } from 'ai'
import { fixed, formatCount, median, type SectionResult } from '../report.ts'

// Partial-object parsing: a JSON document streamed in many chunks, read after every chunk. Our
// parser reads each character once; the AI SDK's parsePartialJson repairs and re-parses the whole
// text so far on every chunk (quadratic in the document's size). One JSON.parse of the whole is the
// floor. Ratios use CPU time of the same chunks in the same process, JSON.parse and ours alternating.

/** Options of the partial-json section. */
export interface PartialJsonOptions {
  /** Size of the document in bytes (default 100 KB). */
  bytes?: number
  /** Chunks it is streamed in (default 5,000). */
  chunks?: number
  /** Timed runs per reader (default 15; the AI SDK's runs are capped at 2, each one is slow). */
  runs?: number
}

/** A deterministic document of about `bytes`: recipes with strings, numbers, booleans and arrays. */
export function makeDocument(bytes: number): string {
  const recipes: unknown[] = []
  const words = ['tomato', 'basil', 'garlic', 'olive oil', 'lemon', 'sea salt', 'fennel', 'rice', 'saffron']
  for (let i = 0; JSON.stringify({ recipes }).length < bytes; i++) {
    recipes.push({
      id: i,
      title: `Recipe ${i}: ${words[i % words.length]} with ${words[(i * 7) % words.length]}`,
      servings: 1 + (i % 8),
      rating: Math.round(((i * 37) % 500) / 10) / 10,
      vegetarian: i % 3 !== 0,
      ingredients: Array.from({ length: 2 + (i % 4) }, (_, j) => ({
        name: words[(i + j) % words.length],
        grams: 10 * (1 + ((i * j) % 40)),
      })),
      steps: [
        `Prepare the ${words[i % words.length]}.`,
        'Cook gently, stirring now and then.',
        'Serve "warm".',
      ],
      notes: null,
    })
  }
  return JSON.stringify({ recipes })
}

/** `text` cut into `count` pieces of (nearly) equal length. */
function cutInto(text: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    text.slice(Math.floor((i * text.length) / count), Math.floor(((i + 1) * text.length) / count)),
  )
}

/** CPU milliseconds of `repeat` calls of `run`, per call. */
async function cpuMsPerCall(run: () => unknown, repeat: number): Promise<number> {
  // No forced GC between runs: after one, V8 shrinks the young generation and the first parses
  // after it pay for regrowing it (5-8× slower here), a cost no streaming app pays.
  const start = process.cpuUsage()
  for (let i = 0; i < repeat; i++) await run()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000 / repeat
}

/** Times our parser, the AI SDK's and JSON.parse on the same document and chunks. */
export async function runPartialJson(options: PartialJsonOptions = {}): Promise<SectionResult> {
  const text = makeDocument(options.bytes ?? 100_000)
  const pieces = cutInto(text, options.chunks ?? 5_000)
  const runs = options.runs ?? 15
  const expected = JSON.stringify(JSON.parse(text))

  const parseWhole = () => JSON.parse(text)
  let ourFinal: unknown
  const ours = () => {
    const parser = createPartialJsonParser()
    for (const piece of pieces) parser.push(piece)
    ourFinal = parser.end()
  }
  // What a UI pays on top: an immutable snapshot once per frame (here every 16 chunks), as
  // useObjectCompletion takes one; finished containers are copied once, the open path each time.
  const SNAPSHOT_EVERY = 16
  let snapshotFinal: unknown
  const oursWithSnapshots = () => {
    const parser = createPartialJsonParser()
    for (let i = 0; i < pieces.length; i++) {
      parser.push(pieces[i] as string)
      if (i % SNAPSHOT_EVERY === SNAPSHOT_EVERY - 1) parser.snapshot()
    }
    parser.end()
    snapshotFinal = parser.snapshot()
  }
  let theirFinal: unknown
  const theirs = async () => {
    let soFar = ''
    let result: Awaited<ReturnType<typeof parsePartialJson>> | undefined
    for (const piece of pieces) {
      soFar += piece
      result = await parsePartialJson(soFar)
    }
    theirFinal = result?.value
  }

  for (let i = 0; i < 20; i++) {
    parseWhole()
    ours()
    oursWithSnapshots()
  }
  const wholeMs: number[] = []
  const oursMs: number[] = []
  const snapshotMs: number[] = []
  const theirsMs: number[] = []
  // Batches: one JSON.parse of 100 KB is below the CPU clock's useful resolution. The AI SDK runs
  // last: its gigabytes of garbage would otherwise weigh on the GC of the runs after it.
  for (let run = 0; run < runs; run++) {
    wholeMs.push(await cpuMsPerCall(parseWhole, 50))
    oursMs.push(await cpuMsPerCall(ours, 5))
    snapshotMs.push(await cpuMsPerCall(oursWithSnapshots, 5))
  }
  for (let run = 0; run < Math.min(runs, 2); run++) theirsMs.push(await cpuMsPerCall(theirs, 1))
  if (JSON.stringify(ourFinal) !== expected) throw new Error('createPartialJsonParser read a different value')
  if (JSON.stringify(snapshotFinal) !== expected) throw new Error('snapshot() copied a different value')
  if (JSON.stringify(theirFinal) !== expected) throw new Error('parsePartialJson read a different value')

  const whole = median(wholeMs)
  const our = median(oursMs)
  const withSnapshots = median(snapshotMs)
  const their = median(theirsMs)
  const kb = text.length / 1000
  return {
    section: 'partial-json',
    title: `Partial JSON: a ${fixed(kb, 0)} KB document in ${formatCount(pieces.length)} chunks, read after every chunk (median of ${runs}; AI SDK ${theirsMs.length})`,
    columns: ['reader', 'CPU ms', 'per chunk µs', '× JSON.parse of the whole'],
    rows: [
      ['JSON.parse, whole text once (floor)', fixed(whole, 2), '–', '1.00'],
      [
        'Kindling createPartialJsonParser',
        fixed(our, 2),
        fixed((our * 1000) / pieces.length, 2),
        fixed(our / whole),
      ],
      [
        `Kindling, plus snapshot() every ${SNAPSHOT_EVERY} chunks (a UI frame)`,
        fixed(withSnapshots, 2),
        fixed((withSnapshots * 1000) / pieces.length, 2),
        fixed(withSnapshots / whole),
      ],
      [
        'AI SDK parsePartialJson (ai)',
        fixed(their, 1),
        fixed((their * 1000) / pieces.length, 1),
        fixed(their / whole, 0),
      ],
    ],
    targets: [
      {
        name: 'Kindling ≤ 3× one JSON.parse of the whole',
        measured: `${fixed(our / whole)}×`,
        met: our / whole <= 3,
      },
      {
        name: 'Kindling ahead of the AI SDK on the same chunks',
        measured: `${fixed(their / our, 0)}× faster`,
        met: our < their,
      },
    ],
    notes: [
      'Both partial readers get the same chunks and produce the partial value after each; both final values are checked against JSON.parse.',
      'The AI SDK re-parses the text so far on every chunk (its cost grows with the square of the document); ours reads each character once. Wall time in one process: noisy on this shared machine.',
    ],
    data: { bytes: text.length, chunks: pieces.length, runs, wholeMs, oursMs, snapshotMs, theirsMs },
  }
}
