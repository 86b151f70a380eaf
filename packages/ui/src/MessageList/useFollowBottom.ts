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

/** Keys that scroll a focused region up. */
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home'])

/**
 * Keeps a scrolling list pinned to its bottom while its content grows, and lets go when the user
 * scrolls up: the user's scroll always wins. Intent is read from the input itself (wheel up, a
 * finger dragging down, Page Up / Arrow Up / Home / Shift+Space, a press on the scrollbar) at the
 * moment it happens, before the scroll lands: a streamed token committed in the same frame then
 * finds the list already let go, and cannot pull it back down. An upward scroll from any other
 * source lets go too; moving down to the bottom again re-engages.
 */
export function useFollowBottom(threshold = 48): FollowBottom {
  const viewportRef = useRef<HTMLElement | null>(null)
  const contentRef = useRef<HTMLDivElement | null>(null)
  const followingRef = useRef(true)
  const lastScrollTop = useRef(0)
  // A press on the scrollbar (pointer down on the viewport itself) until it is released.
  const userHolds = useRef(false)
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
    const distance = scrollHeight - scrollTop - clientHeight
    const up = scrollTop < previousTop - 1
    // Up (even a little, even near the bottom) lets go, unless it ends pinned at the very bottom:
    // that is content shrinking under the viewport, not the user. Only reaching the bottom while
    // not going up re-engages.
    if (up && distance > 1) follow(false)
    else if (!up && !userHolds.current && distance <= threshold) follow(true)
  }, [threshold, follow])

  useLayoutEffect(() => {
    const viewport = viewportRef.current
    const content = contentRef.current
    if (!viewport || !content) return
    const stick = () => {
      if (!followingRef.current || userHolds.current) return
      viewport.scrollTop = viewport.scrollHeight
      lastScrollTop.current = viewport.scrollTop
    }
    stick()
    // Growth of the content (a streamed token, older messages rendered in) and a
    // resized viewport (window, soft keyboard) both move the bottom.
    const observer = new ResizeObserver(stick)
    observer.observe(content)
    observer.observe(viewport)

    // Let go the moment the user asks to go up (only if there is somewhere to go).
    const letGo = () => {
      if (viewport.scrollTop > 0 && viewport.scrollHeight > viewport.clientHeight + 1) follow(false)
    }
    let touchY: number | undefined
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY < 0) letGo()
    }
    const onTouchStart = (event: TouchEvent) => {
      touchY = event.touches[0]?.clientY
    }
    const onTouchMove = (event: TouchEvent) => {
      const y = event.touches[0]?.clientY
      // A finger moving down scrolls the content up.
      if (touchY !== undefined && y !== undefined && y > touchY + 1) letGo()
      touchY = y
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (UP_KEYS.has(event.key) || (event.key === ' ' && event.shiftKey)) letGo()
    }
    const onPointerDown = (event: PointerEvent) => {
      if (event.target === viewport) userHolds.current = true
    }
    const onPointerUp = () => {
      if (!userHolds.current) return
      userHolds.current = false
      const { scrollTop, scrollHeight, clientHeight } = viewport
      if (scrollHeight - scrollTop - clientHeight <= threshold) follow(true)
      stick()
    }
    const passive = { passive: true }
    viewport.addEventListener('wheel', onWheel, passive)
    viewport.addEventListener('touchstart', onTouchStart, passive)
    viewport.addEventListener('touchmove', onTouchMove, passive)
    viewport.addEventListener('keydown', onKeyDown)
    viewport.addEventListener('pointerdown', onPointerDown)
    window.addEventListener('pointerup', onPointerUp)
    window.addEventListener('pointercancel', onPointerUp)
    return () => {
      observer.disconnect()
      viewport.removeEventListener('wheel', onWheel)
      viewport.removeEventListener('touchstart', onTouchStart)
      viewport.removeEventListener('touchmove', onTouchMove)
      viewport.removeEventListener('keydown', onKeyDown)
      viewport.removeEventListener('pointerdown', onPointerDown)
      window.removeEventListener('pointerup', onPointerUp)
      window.removeEventListener('pointercancel', onPointerUp)
    }
  }, [follow, threshold])

  return { viewportRef, contentRef, following, scrollToBottom, onScroll }
}
