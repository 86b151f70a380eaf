import { afterEach, describe, expect, it, vi } from 'vitest'
import { createManualScheduler } from '../../__tests__/scripted.ts'
import {
  animationFrameScheduler,
  createFrameBatcher,
  END_FALLBACK_MS,
  timeoutScheduler,
} from '../frameBatcher.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('createFrameBatcher', () => {
  it('commits once per frame however many changes were requested', () => {
    const scheduler = createManualScheduler()
    const commit = vi.fn()
    const batcher = createFrameBatcher(commit, { scheduler })
    for (let i = 0; i < 1000; i++) batcher.request()
    expect(commit).not.toHaveBeenCalled()
    expect(scheduler.pending).toBe(1)
    expect(scheduler.flush()).toBe(1)
    expect(commit).toHaveBeenCalledTimes(1)
    expect(scheduler.flush()).toBe(0)
    batcher.request()
    scheduler.flush()
    expect(commit).toHaveBeenCalledTimes(2)
  })

  it('commits every change immediately with interval 0, even with a scheduler', () => {
    const scheduler = createManualScheduler()
    const commit = vi.fn()
    const batcher = createFrameBatcher(commit, { interval: 0, scheduler })
    batcher.request()
    batcher.request()
    expect(commit).toHaveBeenCalledTimes(2)
    expect(scheduler.pending).toBe(0)
  })

  it('flush() commits a pending change now and cancels its frame', () => {
    const scheduler = createManualScheduler()
    const commit = vi.fn()
    const batcher = createFrameBatcher(commit, { scheduler })
    batcher.flush()
    expect(commit).not.toHaveBeenCalled()
    batcher.request()
    batcher.flush()
    expect(commit).toHaveBeenCalledTimes(1)
    expect(scheduler.pending).toBe(0)
  })

  it('cancel() drops the pending change', () => {
    const scheduler = createManualScheduler()
    const commit = vi.fn()
    const batcher = createFrameBatcher(commit, { scheduler })
    batcher.request()
    batcher.cancel()
    expect(scheduler.pending).toBe(0)
    batcher.flush()
    expect(commit).not.toHaveBeenCalled()
  })

  it('end() resolves at the pending frame in place of its commit, at once when none is pending', async () => {
    const scheduler = createManualScheduler()
    const commit = vi.fn()
    const batcher = createFrameBatcher(commit, { scheduler })
    await batcher.end()
    batcher.request()
    let ended = false
    const ending = batcher.end().then(() => {
      ended = true
    })
    await Promise.resolve()
    expect(ended).toBe(false)
    scheduler.flush()
    await ending
    expect(ended).toBe(true)
    expect(commit).not.toHaveBeenCalled()
  })

  it('end() resolves on cancel(), and after END_FALLBACK_MS when frames stop', async () => {
    const scheduler = createManualScheduler()
    const batcher = createFrameBatcher(vi.fn(), { scheduler })
    batcher.request()
    const cancelled = batcher.end()
    batcher.cancel()
    await cancelled
    expect(scheduler.pending).toBe(0)
    vi.useFakeTimers()
    batcher.request()
    const ending = batcher.end()
    vi.advanceTimersByTime(END_FALLBACK_MS)
    await ending
    expect(scheduler.pending).toBe(0)
  })

  it('a millisecond interval paces commits with timeouts', () => {
    vi.useFakeTimers()
    const commit = vi.fn()
    const batcher = createFrameBatcher(commit, { interval: 50 })
    batcher.request()
    batcher.request()
    vi.advanceTimersByTime(49)
    expect(commit).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(commit).toHaveBeenCalledTimes(1)
  })

  it('the default uses requestAnimationFrame when there is one, a 16 ms timeout when not', () => {
    vi.useFakeTimers()
    // Node has no animation frames: a stand-in for the browser's, removed after the first half.
    const raf = vi.fn((_callback: FrameRequestCallback) => 1)
    vi.stubGlobal('requestAnimationFrame', raf)
    vi.stubGlobal('cancelAnimationFrame', vi.fn())
    const callback = vi.fn()
    animationFrameScheduler.schedule(callback)
    expect(raf).toHaveBeenCalledTimes(1)
    vi.unstubAllGlobals()

    // A runtime without animation frames (a server, a worker).
    expect(globalThis.requestAnimationFrame).toBeUndefined()
    const later = vi.fn()
    animationFrameScheduler.schedule(later)
    vi.advanceTimersByTime(15)
    expect(later).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(later).toHaveBeenCalledTimes(1)
  })

  it('timeoutScheduler can be cancelled', () => {
    vi.useFakeTimers()
    const callback = vi.fn()
    const cancel = timeoutScheduler(10).schedule(callback)
    cancel()
    vi.advanceTimersByTime(20)
    expect(callback).not.toHaveBeenCalled()
  })
})
