import type { ContentPart } from '@kindling/client'
import type { ChatUIMessage, MessageAttachment } from '@kindling/react'
import { createMessageId } from '@kindling/react/core'
import type { SentAttachment } from './attachmentPart.ts'

/**
 * The user message for `text` and its attached files: `parts` holds the text then each file's part
 * (what is sent); `content` holds the typed text alone and `attachments` names the files (what the
 * bubble shows).
 */
export function userMessageWithAttachments(text: string, sent: readonly SentAttachment[]): ChatUIMessage {
  const parts: ContentPart[] = text.trim() === '' ? [] : [{ type: 'text', text }]
  const attachments: MessageAttachment[] = []
  for (const { part, attachment } of sent) {
    attachments.push({ ...attachment, part: parts.length })
    parts.push(part)
  }
  return { id: createMessageId(), role: 'user', content: text, parts, attachments, status: 'done' }
}
