import { useEffect, useState } from 'react'

/** The lazily loaded highlighting module. */
export type Highlighter = typeof import('./highlight.ts')

let loaded: Highlighter | undefined
let loading: Promise<Highlighter> | undefined

/**
 * Loads the syntax highlighter once, in its own chunk: pages with no code never fetch it.
 */
export function loadHighlighter(): Promise<Highlighter> {
  loading ??= import('./highlight.ts').then((module) => {
    loaded = module
    return module
  })
  return loading
}

/**
 * The highlighter once loaded, or `undefined` until then (and for good if loading failed: code then
 * stays plain, which is still correct).
 */
export function useHighlighter(enabled: boolean): Highlighter | undefined {
  const [highlighter, setHighlighter] = useState(loaded)
  useEffect(() => {
    if (!enabled || highlighter) return
    let live = true
    loadHighlighter().then(
      (module) => live && setHighlighter(module),
      () => {},
    )
    return () => {
      live = false
    }
  }, [enabled, highlighter])
  return highlighter
}
