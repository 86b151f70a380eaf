import { useEffect, useRef, useState } from 'react'
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
 * The text for a polite live region: set once when the last message stops streaming (finished,
 * stopped or failed), never per token, and never for history that was already there.
 */
export function useReplyAnnouncement(messages: readonly MessageView[]): string {
  const last = messages.at(-1)
  const previous = useRef<{ id: string; status: string } | undefined>(undefined)
  const [announcement, setAnnouncement] = useState('')
  useEffect(() => {
    if (!last) return
    const before = previous.current
    if (before?.id === last.id && before.status === 'streaming' && last.status !== 'streaming') {
      setAnnouncement(announcementFor(last))
    }
    previous.current = { id: last.id, status: last.status }
  }, [last])
  return announcement
}
