/** Wall and CPU time of one run, in milliseconds. */
export interface Timing {
  wallMs: number
  /** User + system CPU time of the whole process: what the run cost, whatever else the machine did. */
  cpuMs: number
}

/** Times `run`: wall clock and process CPU time. */
export async function timed<T>(run: () => Promise<T>): Promise<{ value: T; timing: Timing }> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const value = await run()
  const wallMs = performance.now() - start
  const used = process.cpuUsage(cpu)
  return { value, timing: { wallMs, cpuMs: (used.user + used.system) / 1000 } }
}
