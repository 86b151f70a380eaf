/**
 * Registers functions to call once `signal` aborts (the server is closing); each registration returns
 * its own removal. One listener on the signal for all of them: a listener per stream would pile up
 * on a busy server (and trip Node's MaxListeners warning).
 */
export function whenClosing(signal: AbortSignal | undefined): (stop: () => void) => () => void {
  const stops = new Set<() => void>()
  signal?.addEventListener(
    'abort',
    () => {
      for (const stop of [...stops]) stop()
    },
    { once: true },
  )
  return (stop) => {
    if (signal?.aborted) {
      stop()
      return () => {}
    }
    stops.add(stop)
    return () => stops.delete(stop)
  }
}
