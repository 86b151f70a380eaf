import { runChild } from '../child.ts'
import { fixed, formatCount, median, type SectionResult } from '../report.ts'
import type { Timing } from '../timing.ts'
import {
  floorReader,
  kindlingBrowserEntryReader,
  kindlingReader,
  openaiReader,
  PARSE_READERS,
} from './parseReaders.ts'

// Stream parsing throughput. Each reader runs in its own process (so no library's JIT state or
// shared dependency, zod for one, slows another) and the passes alternate between readers so drift
// on this shared machine hits all of them alike. Ratios use CPU time, which other processes on the
// machine disturb far less than wall time.

/** Options of the parse section. */
export interface ParseOptions {
  /** Chat chunks in the stream (default 50,000). */
  chunks?: number
  /** Passes over all readers, each in fresh processes (default 2). */
  passes?: number
  /** Untimed reads per process before the timed ones (default 1). */
  warmups?: number
  /** Timed reads per process (default 3). */
  runs?: number
}

interface WorkerResult {
  timings: Timing[]
  chunksSeen: number
  bytes: number
  reads: number
}

/** Times every reader on the same fixture and compares it with the floor. */
export async function runParse(options: ParseOptions = {}): Promise<SectionResult> {
  const chunks = options.chunks ?? 50_000
  const passes = options.passes ?? 2
  const args = [String(chunks), String(options.warmups ?? 1), String(options.runs ?? 3)]
  const timings = PARSE_READERS.map((): Timing[] => [])
  const seen: number[] = []
  let bytes = 0
  let reads = 0
  for (let pass = 0; pass < passes; pass++) {
    for (const [index] of PARSE_READERS.entries()) {
      const result = await runChild<WorkerResult>('sections/parseWorker.ts', [String(index), ...args])
      timings[index]?.push(...result.timings)
      seen[index] = result.chunksSeen
      bytes = result.bytes
      reads = result.reads
    }
  }
  const mb = bytes / 1e6
  const floorCpu = median((timings[0] ?? []).map((t) => t.cpuMs))
  const measured = PARSE_READERS.map((reader, index) => {
    const runs = timings[index] ?? []
    const cpuMs = median(runs.map((t) => t.cpuMs))
    return {
      reader: reader.name,
      cpuMs,
      wallMs: median(runs.map((t) => t.wallMs)),
      runs,
      chunksPerSecond: chunks / (cpuMs / 1000),
      megabytesPerSecond: mb / (cpuMs / 1000),
      ratioToFloor: floorCpu / cpuMs,
      chunksSeen: seen[index] ?? 0,
    }
  })
  const kindling = measured.find((m) => m.reader === kindlingReader.name)
  const browserEntry = measured.find((m) => m.reader === kindlingBrowserEntryReader.name)
  const openai = measured.find((m) => m.reader === openaiReader.name)
  const ours = new Set([floorReader.name, kindlingReader.name, kindlingBrowserEntryReader.name])
  const peers = measured.filter((m) => !ours.has(m.reader))
  const targets = kindling
    ? [
        {
          name: 'Kindling ≥ 0.85× the floor (Node entry)',
          measured: `${fixed(kindling.ratioToFloor)}×`,
          met: kindling.ratioToFloor >= 0.85,
        },
        ...(browserEntry
          ? [
              {
                name: 'Kindling ≥ 0.85× the floor (browser entry)',
                measured: `${fixed(browserEntry.ratioToFloor)}×`,
                met: browserEntry.ratioToFloor >= 0.85,
              },
            ]
          : []),
        ...(openai
          ? [
              {
                name: 'Kindling ≥ 2.5× the openai SDK',
                measured: `${fixed(kindling.chunksPerSecond / openai.chunksPerSecond)}×`,
                met: kindling.chunksPerSecond >= 2.5 * openai.chunksPerSecond,
              },
            ]
          : []),
        {
          name: 'Kindling ahead of every peer',
          measured: peers
            .map((p) => `${fixed(kindling.chunksPerSecond / p.chunksPerSecond)}× ${p.reader.split(' (')[0]}`)
            .join(', '),
          met: peers.every((p) => kindling.chunksPerSecond > p.chunksPerSecond),
        },
      ]
    : []
  const samples = (timings[0] ?? []).length
  return {
    section: 'parse',
    title: `Stream parsing: ${formatCount(chunks)} chat chunks, ${fixed(mb, 1)} MB in ${formatCount(reads)} reads (median of ${samples})`,
    columns: ['reader', 'CPU ms', 'wall ms', 'chunks/s', 'MB/s', '× floor'],
    rows: measured.map((m) => [
      m.reader,
      fixed(m.cpuMs, 1),
      fixed(m.wallMs, 1),
      formatCount(m.chunksPerSecond),
      fixed(m.megabytesPerSecond, 1),
      fixed(m.ratioToFloor),
    ]),
    targets,
    notes: [
      'Same bytes for every reader, from a custom fetch over an in-memory ReadableStream; each reader runs in its own Node process and the text it yields is checked against the fixture.',
      'chunks/s, MB/s and × floor use process CPU time (wall time is shown but swings with the load of this shared machine).',
      'Kindling validates every chunk (a hand-written check that says exactly what its zod schema says; zod runs only to explain a rejection) and accumulates the response; the floor and openai do neither; streamText accumulates and runs its step machinery; doStream is the AI SDK provider alone.',
      'Node resolves @kindling/client to its Node entry, bundlers to its browser entry: the same code since the chunk check stopped depending on zod internals; both rows are kept to show it.',
    ],
    data: { chunks, bytes, reads, passes, readers: measured },
  }
}
