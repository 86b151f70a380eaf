import { useEffect } from 'react'
import { createRoot } from 'react-dom/client'

// The threads benchmark's baseline: React's production build painting one line, timed as the
// thread list is (the frame after the commit), so the browser's and React's own start-up cost in
// the same kind of navigation can be read next to the list's.

const scriptStart = performance.now()

function Painted() {
  useEffect(() => {
    requestAnimationFrame(() => {
      ;(window as unknown as { __threads: Record<string, number> }).__threads = {
        sinceNavigationMs: performance.now(),
        scriptStartMs: scriptStart,
      }
      document.body.dataset.done = 'true'
    })
  }, [])
  return <p>Painted.</p>
}

createRoot(document.getElementById('root') as HTMLElement).render(<Painted />)
