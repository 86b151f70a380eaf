import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../../scripts/chromium.ts'
import { runChild } from '../child.ts'
import { fixed, formatCount, median, type SectionResult } from '../report.ts'
import { buildRenderPage, serveStatic } from './render.ts'

// Memory: (1) chats that mount, stream, abort and unmount in a loop in real Chromium, heap after a
// forced GC (DevTools protocol) before and after the loop; (2) peak heap in Node while one very long
// reply accumulates, each reader in its own process.

/** Options of the memory section. */
export interface MemoryOptions {
  /** Mount/stream/abort/unmount cycles measured (default 1,000), after `warmupCycles` (default 50). */
  cycles?: number
  warmupCycles?: number
  /** Tokens in the long reply (default 1,000,000). */
  tokens?: number
  /** Processes per long-reply reader, medians reported (default 3): the peak depends on when GC runs. */
  longReplyRuns?: number
}

const CYCLE_LIBS = [
  { id: 'kindling', name: 'Kindling useChatCompletion' },
  { id: 'ai', name: 'ai SDK useChat' },
] as const

const LONG_REPLY_READERS = [
  { id: 'floor', name: 'floor (one concatenated string)' },
  { id: 'kindlingClient', name: '@kindling/client stream + finalResponse()' },
  { id: 'kindlingStore', name: '@kindling/react chat engine (core)' },
  { id: 'openai', name: 'openai SDK chat.completions.stream() + finalChatCompletion()' },
] as const

interface LongReply {
  baseline: number
  peak: number
  retained: number
  textLength: number
}

const mb = (bytes: number) => fixed(bytes / 2 ** 20, 2)

async function measureCycles(cycles: number, warmupCycles: number) {
  await buildRenderPage()
  const server = await serveStatic()
  const browser = await chromium.launch(chromiumLaunchOptions)
  const results: {
    lib: string
    beforeBytes: number
    afterBytes: number
    growthBytes: number
    cycles: number
  }[] = []
  try {
    for (const lib of CYCLE_LIBS) {
      const page = await browser.newPage()
      await page.goto(`${server.url}/memory.html`)
      await page.waitForFunction(() => document.body.dataset.mounted === 'true')
      const cdp = await page.context().newCDPSession(page)
      const heapAfterGC = async () => {
        await cdp.send('HeapProfiler.collectGarbage')
        await cdp.send('HeapProfiler.collectGarbage')
        return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize
      }
      const run = (count: number) =>
        page.evaluate(
          ([id, n]) =>
            (
              window as unknown as { __memory: { cycles(lib: string, n: number): Promise<void> } }
            ).__memory.cycles(id, n),
          [lib.id, count] as const,
        )
      await run(warmupCycles)
      const beforeBytes = await heapAfterGC()
      await run(cycles)
      const afterBytes = await heapAfterGC()
      results.push({ lib: lib.name, beforeBytes, afterBytes, growthBytes: afterBytes - beforeBytes, cycles })
      await page.close()
    }
  } finally {
    await browser.close()
    await server.close()
  }
  return results
}

/** Runs both memory measurements. */
export async function runMemory(options: MemoryOptions = {}): Promise<SectionResult> {
  const cycles = options.cycles ?? 1000
  const tokens = options.tokens ?? 1_000_000
  const cycleResults = await measureCycles(cycles, options.warmupCycles ?? 50)
  const longReplies: (LongReply & { reader: string })[] = []
  const runs = options.longReplyRuns ?? 3
  for (const reader of LONG_REPLY_READERS) {
    const results: LongReply[] = []
    for (let run = 0; run < runs; run++) {
      results.push(await runChild<LongReply>('sections/memoryWorker.ts', [reader.id, String(tokens)]))
    }
    const field = (key: keyof LongReply) => median(results.map((r) => r[key]))
    longReplies.push({
      reader: reader.name,
      baseline: field('baseline'),
      peak: field('peak'),
      retained: field('retained'),
      textLength: field('textLength'),
    })
  }
  const kindlingCycles = cycleResults.find((r) => r.lib === CYCLE_LIBS[0].name)
  const rows: (string | number)[][] = [
    ...cycleResults.map((r) => [
      `${formatCount(r.cycles)} × mount, stream, abort, unmount (Chromium)`,
      r.lib,
      mb(r.beforeBytes),
      mb(r.afterBytes),
      mb(r.growthBytes),
    ]),
    ...longReplies.map((r) => [
      `one ${formatCount(tokens)}-token reply (Node): peak`,
      r.reader,
      mb(r.baseline),
      mb(r.peak),
      mb(r.peak - r.baseline),
    ]),
    ...longReplies.map((r) => [
      `one ${formatCount(tokens)}-token reply (Node): held after GC`,
      r.reader,
      mb(r.baseline),
      mb(r.retained),
      mb(r.retained - r.baseline),
    ]),
  ]
  return {
    section: 'memory',
    title: 'Memory (heap used, MiB)',
    columns: ['measurement', 'library', 'before', 'after / peak', 'growth'],
    rows,
    targets: kindlingCycles
      ? [
          {
            name: `Kindling retained heap growth over ${formatCount(cycles)} abort+unmount cycles < 1 MB`,
            measured: `${mb(kindlingCycles.growthBytes)} MiB`,
            met: kindlingCycles.growthBytes < 1e6,
          },
        ]
      : [],
    notes: [
      'Cycles: the heap is measured after two forced GCs (DevTools HeapProfiler.collectGarbage), after a warm-up of cycles, then again after the measured ones; each cycle streams at least 20 characters before it aborts.',
      `Long reply: heapUsed sampled every 1,000 chunks, median of ${runs} processes per reader (peak includes garbage not yet collected, as a real page's would), and after a forced GC with the whole reply still held.`,
    ],
    data: { cycles: cycleResults, tokens, longReplies },
  }
}
