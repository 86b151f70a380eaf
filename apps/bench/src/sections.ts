import type { SectionResult } from './report.ts'

/** How big a run is: `full` for `pnpm bench`, `smoke` for the test that keeps every section working. */
export type RunSize = 'full' | 'smoke'

/** Every section, loaded only when run, so `pnpm bench parse` imports nothing else. */
export const SECTIONS: Record<string, (size: RunSize) => Promise<SectionResult>> = {
  async parse(size) {
    const { runParse } = await import('./sections/parse.ts')
    return runParse(size === 'smoke' ? { chunks: 300, passes: 1, warmups: 0, runs: 1 } : {})
  },
  async bundle(size) {
    const { BUNDLE_CASES, runBundle } = await import('./sections/bundle.ts')
    // The smoke run builds the two cases the targets are about, plus one peer.
    return runBundle(
      size === 'smoke' ? BUNDLE_CASES.filter((c) => /client$|own code|^openai$/.test(c.name)) : undefined,
    )
  },
  async ttft(size) {
    const { runTTFT } = await import('./sections/ttft.ts')
    return runTTFT(size === 'smoke' ? { runs: 3, warmups: 1 } : {})
  },
  async render(size) {
    const { runRender } = await import('./sections/render.ts')
    return runRender(size === 'smoke' ? { deltas: 50, histories: [10, 100], runs: 1 } : {})
  },
  async resume(size) {
    const { runResume } = await import('./sections/resume.ts')
    return runResume(size === 'smoke' ? { events: 200, runs: 3 } : {})
  },
  async hostile(size) {
    const { runHostile } = await import('./sections/hostile.ts')
    // The smoke run: the control, one nesting input and one streamed input, at a quarter size.
    return runHostile(size === 'smoke' ? { scale: 0.25, runs: 1, only: [0, 1, 15] } : {})
  },
  async markdown(size) {
    const { runMarkdown } = await import('./sections/markdown.ts')
    // The smoke run: a few updates per point, once per renderer.
    return runMarkdown(size === 'smoke' ? { updates: 4, runs: 1 } : {})
  },
  async engine(size) {
    const { runEngine } = await import('./sections/engine.ts')
    return runEngine(size === 'smoke' ? { switches: 200, chunks: 200 } : {})
  },
  async threads(size) {
    const { runThreads } = await import('./sections/threads.ts')
    return runThreads(size === 'smoke' ? { runs: 1 } : {})
  },
  async memory(size) {
    const { runMemory } = await import('./sections/memory.ts')
    return runMemory(size === 'smoke' ? { cycles: 5, warmupCycles: 2, tokens: 2000 } : {})
  },
  async tools(size) {
    const { runTools } = await import('./sections/tools.ts')
    return runTools(size === 'smoke' ? { runs: 5, warmups: 1 } : {})
  },
  async 'partial-json'(size) {
    const { runPartialJson } = await import('./sections/partialJson.ts')
    return runPartialJson(size === 'smoke' ? { bytes: 10_000, chunks: 500, runs: 1 } : {})
  },
  async attachments(size) {
    const { runAttachments } = await import('./sections/attachments.ts')
    return runAttachments(size === 'smoke' ? { runs: 1 } : {})
  },
}
