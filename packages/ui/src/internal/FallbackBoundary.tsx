import { Component, type ReactNode } from 'react'

/** Props of {@link FallbackBoundary}. */
export interface FallbackBoundaryProps {
  /** Shown instead of `children` once they throw while rendering. */
  fallback: ReactNode
  /** A new value gives the children a fresh try (e.g. the text they render changed). */
  resetKey: unknown
  /** Told what was caught, e.g. to log it. */
  onError?: ((error: unknown) => void) | undefined
  children?: ReactNode
}

interface State {
  failed: boolean
  /** The `resetKey` the children were last rendered with. */
  key: unknown
}

const NONE = Symbol('none')

/** An error boundary with a fixed fallback that tries again when `resetKey` changes. */
export class FallbackBoundary extends Component<FallbackBoundaryProps, State> {
  override state: State = { failed: false, key: NONE }

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true }
  }

  static getDerivedStateFromProps(props: FallbackBoundaryProps, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.key) ? null : { failed: false, key: props.resetKey }
  }

  override componentDidCatch(error: unknown): void {
    this.props.onError?.(error)
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children
  }
}
