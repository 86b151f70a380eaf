import { describe, expect, it } from 'vitest'
import { longTasksInTrace } from './mainThreadLongTasks.ts'

const thread = (pid: number, tid: number, name: string) => ({
  name: 'thread_name',
  ph: 'M',
  pid,
  tid,
  ts: 0,
  args: { name },
})
const task = (name: string, pid: number, tid: number, ts: number, durMs: number, cpuMs: number) => ({
  name,
  ph: 'X',
  pid,
  tid,
  ts,
  dur: durMs * 1000,
  tdur: cpuMs * 1000,
})

describe('longTasksInTrace', () => {
  it('keeps top-level tasks of the renderer main thread over the limit, by CPU or wall time', () => {
    const trace = JSON.stringify({
      traceEvents: [
        thread(1, 1, 'CrRendererMain'),
        thread(2, 2, 'CrBrowserMain'),
        task('ThreadControllerImpl::RunTask', 1, 1, 0, 90, 20),
        // The same task under its other name, inside the first: not counted twice.
        task('RunTask', 1, 1, 10, 70, 15),
        task('ThreadControllerImpl::RunTask', 1, 1, 200_000, 60, 55),
        task('ThreadControllerImpl::RunTask', 1, 1, 400_000, 30, 30),
        task('ThreadControllerImpl::RunTask', 2, 2, 0, 500, 500),
      ],
    })
    expect(longTasksInTrace(trace)).toEqual([
      { cpuMs: 20, wallMs: 90 },
      { cpuMs: 55, wallMs: 60 },
    ])
  })
})
