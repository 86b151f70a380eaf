// When what React just committed is on screen. From a layout effect (right after the commit): the
// next frame's animation callbacks run first, then that frame lays out and paints the new DOM. The
// callback forces the layout itself, so the time it reads is the frame ready to paint. Later
// tasks would also count React's next work (a transition it runs in 5 ms slices) and a passive
// effect may run only after the paint: either would time a frame late.

/** Resolves, in the frame that paints what was just committed, once its layout is done: with that time. */
export function paintedFrame(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      document.documentElement.getBoundingClientRect()
      resolve(performance.now())
    })
  })
}
