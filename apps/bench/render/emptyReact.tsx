import { useLayoutEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { paintedFrame } from './afterPaint.ts'

// The threads benchmark's baseline: React's production build painting one line, timed as the
// thread list is (after the paint of its commit), so the browser's and React's own start-up cost in
// the same kind of navigation can be read next to the list's.

const scriptStart = performance.now()

function Painted() {
  useLayoutEffect(() => {
    void paintedFrame().then((painted) => {
      ;(window as unknown as { __threads: Record<string, number> }).__threads = {
        sinceNavigationMs: painted,
        scriptStartMs: scriptStart,
      }
      document.body.dataset.done = 'true'
    })
  }, [])
  return <p>Painted.</p>
}

createRoot(document.getElementById('root') as HTMLElement).render(<Painted />)
