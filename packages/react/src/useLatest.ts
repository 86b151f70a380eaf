import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react'

// Layout effects warn during server rendering in React 18; there is nothing to update there anyway.
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

/** A ref that holds the latest committed `value`, for callbacks that must not change identity. */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value)
  useIsomorphicLayoutEffect(() => {
    ref.current = value
  })
  return ref
}
