import type { ReactNode } from 'react'
import { FallbackBoundary } from '../internal/FallbackBoundary.tsx'
import type { MessageView } from './MessageView.ts'

/** Props of {@link MessageBoundary}. */
export interface MessageBoundaryProps {
  /** The message rendered inside; its text is what the fallback shows. */
  message: Pick<MessageView, 'content'>
  children?: ReactNode
}

function logFailure(error: unknown): void {
  // Worth a line in the console for whoever builds the app; the user sees the text regardless.
  console.error('A message failed to render and is shown as plain text.', error)
}

/**
 * Keeps one message that fails to render from unmounting the whole app: model output is untrusted,
 * and a reply that breaks a renderer is persisted, so without this it would blank the page on
 * every reload. The fallback shows the message's text as plain text, with a short note; new text
 * (a streamed token, an edit) gets a fresh try.
 */
export function MessageBoundary({ message, children }: MessageBoundaryProps) {
  const text = typeof message.content === 'string' ? message.content : ''
  return (
    <FallbackBoundary
      resetKey={text}
      onError={logFailure}
      fallback={
        <article className="kindling-message kindling-message--unrendered" data-role="system">
          <p className="kindling-message__unrendered-note">This message could not be formatted; its text:</p>
          <div className="kindling-message__content kindling-message__plain">{text}</div>
        </article>
      }
    >
      {children}
    </FallbackBoundary>
  )
}
