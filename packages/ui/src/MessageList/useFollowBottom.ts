import { type RefObject, useCallback, useLayoutEffect, useRef, useState } from 'react'

/** What {@link useFollowBottom} gives a scrolling list. */
export interface FollowBottom {
  /** The scrolling element. */
  viewportRef: RefObject<HTMLElement | null>
  /** The element whose growth is followed (the viewport's only child). */
  contentRef: RefObject<HTMLDivElement | null>
  /** `true` while the list sticks to the bottom; `false` once the user scrolled up. */
  following: boolean
  /** Scrolls to the bottom and follows again. */
  scrollToBottom: (behavior?: ScrollBehavior) => void
  /** The viewport's `onScroll`. */
  onScroll: () => void
}

/**
 * Keeps a scrolling list pinned to its bottom while its content grows, and lets go when the user
 * scrolls up. Only an upward scroll lets go, so a smooth scroll down or content growing under the
 * viewport never does; reaching the bottom again (by any means) re-engages.
 */
export function useFollowBottom(threshold = 48): FollowBottom {
  const viewportRef = useRef<HTMLElement | null>(null)
  const contentRef = useRef<HTMLDivElement | null>(null)
  const followingRef = useRef(true)
  const lastScrollTop = useRef(0)
  const [following, setFollowing] = useState(true)
  // The value last given to React: scroll events come every frame while following, and setting
  // the same state again would still cost a commit (a nested one inside a layout effect).
  const shownRef = useRef(true)
  const follow = useCallback((value: boolean) => {
    followingRef.current = value
    if (shownRef.current === value) return
    shownRef.current = value
    setFollowing(value)
  }, [])

  const scrollToBottom = useCallback(
    (behavior: ScrollBehavior = 'instant') => {
      const viewport = viewportRef.current
      follow(true)
      if (!viewport) return
      viewport.scrollTo({ top: viewport.scrollHeight, behavior })
      if (behavior !== 'smooth') lastScrollTop.current = viewport.scrollTop
    },
    [follow],
  )

  const onScroll = useCallback(() => {
    const viewport = viewportRef.current
    if (!viewport) return
    const { scrollTop, scrollHeight, clientHeight } = viewport
    const previousTop = lastScrollTop.current
    lastScrollTop.current = scrollTop
    if (scrollHeight - scrollTop - clientHeight <= threshold) follow(true)
    else if (scrollTop < previousTop - 1) follow(false)
  }, [threshold, follow])

  useLayoutEffect(() => {
    const viewport = viewportRef.current
    const content = contentRef.current
    if (!viewport || !content) return
    const stick = () => {
      if (!followingRef.current) return
      viewport.scrollTop = viewport.scrollHeight
      lastScrollTop.current = viewport.scrollTop
    }
    stick()
    // Growth of the content (a streamed token, older messages rendered in) and a
    // resized viewport (window, soft keyboard) both move the bottom.
    const observer = new ResizeObserver(stick)
    observer.observe(content)
    observer.observe(viewport)
    return () => observer.disconnect()
  }, [])

  return { viewportRef, contentRef, following, scrollToBottom, onScroll }
}
