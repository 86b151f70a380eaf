import { useEffect, useState } from 'react'

/** Options of {@link useSimulatedStream}. */
export interface SimulatedStreamOptions {
  /** Characters per tick. Default 4. */
  chunk?: number
  /** Milliseconds between ticks. Default 16 (about one frame). */
  intervalMs?: number
  /** Stop after this many characters (to simulate a stop or a failure mid-stream). */
  stopAt?: number
}

/**
 * Reveals `text` a few characters per tick, as a streamed reply arrives: for stories only (the real
 * stream comes from `@kindling/react`).
 */
export function useSimulatedStream(
  text: string,
  { chunk = 4, intervalMs = 16, stopAt = text.length }: SimulatedStreamOptions = {},
): { text: string; done: boolean } {
  const [length, setLength] = useState(0)
  useEffect(() => {
    setLength(0)
    const timer = setInterval(() => {
      setLength((current) => {
        const next = Math.min(current + chunk, stopAt)
        if (next >= stopAt) clearInterval(timer)
        return next
      })
    }, intervalMs)
    return () => clearInterval(timer)
  }, [chunk, intervalMs, stopAt])
  return { text: text.slice(0, length), done: length >= stopAt }
}
