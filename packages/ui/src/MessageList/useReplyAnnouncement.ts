import { type RefObject, useEffect, useRef } from 'react'
import type { MessageView } from '../Message/MessageView.ts'

const MAX_ANNOUNCED = 600

function announcementFor(message: MessageView): string {
  if (message.status === 'error') return `The reply failed: ${message.error?.message ?? 'unknown error'}`
  if (message.status === 'stopped') return 'The reply was stopped.'
  const text =
    message.content.length > MAX_ANNOUNCED ? `${message.content.slice(0, MAX_ANNOUNCED)}…` : message.content
  return `Reply finished. ${text}`
}

/**
 * Announces a reply through a polite live region: once when the last message stops streaming
 * (finished, stopped or failed), never per token, and never for history that was already there.
 * Returns the ref of the region. The text is written to the region's DOM directly: it is not
 * React state, so announcing costs no extra commit at the end of a reply.
 */
export function useReplyAnnouncement(messages: readonly MessageView[]): RefObject<HTMLDivElement | null> {
  const last = messages.at(-1)
  const regionRef = useRef<HTMLDivElement | null>(null)
  const previous = useRef<{ id: string; status: string } | undefined>(undefined)
  useEffect(() => {
    if (!last) return
    const before = previous.current
    if (before?.id === last.id && before.status === 'streaming' && last.status !== 'streaming') {
      if (regionRef.current) regionRef.current.textContent = announcementFor(last)
    }
    previous.current = { id: last.id, status: last.status }
  }, [last])
  return regionRef
}
