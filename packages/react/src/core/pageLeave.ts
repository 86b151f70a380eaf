// A page that is going away (reload, closed tab) must not save what its dying requests report: an
// answer cut by the unload would overwrite the saved answer the next page resumes. `pagehide` says
// it is going; `pageshow` says it came back (from the back/forward cache).

/** Calls `listener(true)` when the page is hidden for good or cached, `listener(false)` when it is shown again. */
export function watchPageLeave(listener: (leaving: boolean) => void): () => void {
  type Target = Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>
  // The window where there is one (a browser; jsdom, whose globals are copies); nothing elsewhere.
  const target: Target = (globalThis as { window?: Target }).window ?? (globalThis as Target)
  if (typeof target.addEventListener !== 'function' || typeof target.removeEventListener !== 'function')
    return () => {}
  const onHide = () => listener(true)
  const onShow = () => listener(false)
  target.addEventListener('pagehide', onHide)
  target.addEventListener('pageshow', onShow)
  return () => {
    target.removeEventListener?.('pagehide', onHide)
    target.removeEventListener?.('pageshow', onShow)
  }
}
