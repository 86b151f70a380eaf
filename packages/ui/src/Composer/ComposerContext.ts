import { type Context, createContext, type RefObject, useContext } from 'react'
import type { AttachmentDraft } from './useAttachmentDraft.ts'

/** What the composer is doing: ready for input, waiting for or receiving a reply, or failed. */
export type ComposerStatus = 'ready' | 'submitted' | 'streaming' | 'error'

/** State shared by the composer's parts. */
export interface ComposerState {
  value: string
  onChange: (value: string) => void
  status: ComposerStatus
  disabled: boolean
  /** True when there is something to send and nothing in flight. */
  canSend: boolean
  /** Submits the form (as Enter or the send button do). */
  submit: () => void
  onStop: (() => void) | undefined
  formRef: RefObject<HTMLFormElement | null>
  errorId: string
  hasError: boolean
  /** The draft's files; `undefined` when the composer takes no attachments. */
  attachments: AttachmentDraft | undefined
}

/** The state of the enclosing `Composer.Root`. */
export const ComposerContext: Context<ComposerState | null> = createContext<ComposerState | null>(null)

/** The enclosing composer's state; throws outside `Composer.Root`. */
export function useComposer(): ComposerState {
  const state = useContext(ComposerContext)
  if (!state) throw new Error('Composer parts must be rendered inside <Composer.Root>.')
  return state
}
