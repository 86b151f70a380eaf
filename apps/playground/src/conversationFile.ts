import { KindlingError } from '@kindling/client'
import type { ChatUIMessage } from '@kindling/react'
import { z } from 'zod'

// The JSON a conversation is saved as (localStorage, export, import). Errors are kept as their
// name and message: class instances don't survive JSON.

const StoredMessageSchema = z.looseObject({
  id: z.string().min(1),
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.string(),
  status: z.enum(['streaming', 'done', 'stopped', 'error']),
  reasoning_content: z.string().optional(),
  error: z.object({ name: z.string(), message: z.string() }).optional(),
})

/** A conversation as exported: a version, when, and the messages. */
export const ConversationFileSchema = z.object({
  kindling: z.literal('conversation'),
  version: z.literal(1),
  exportedAt: z.string(),
  messages: z.array(StoredMessageSchema),
})
/** A conversation as exported. */
export type ConversationFile = z.infer<typeof ConversationFileSchema>
type StoredMessage = z.infer<typeof StoredMessageSchema>

/** The JSON-safe form of chat messages; an answer still streaming is saved as stopped. */
export function toStoredMessages(messages: readonly ChatUIMessage[]): StoredMessage[] {
  return messages.map(({ error, status, ...message }) => {
    const stored = JSON.parse(JSON.stringify(message)) as StoredMessage
    stored.status = status === 'streaming' ? 'stopped' : status
    if (error) stored.error = { name: error.name, message: error.message }
    return stored
  })
}

/** Chat messages back from their stored form. */
export function fromStoredMessages(messages: readonly StoredMessage[]): ChatUIMessage[] {
  return messages.map(({ error, ...message }) => {
    const restored = { ...message } as ChatUIMessage & { error?: KindlingError }
    if (error) {
      const kindlingError = new KindlingError(error.message)
      kindlingError.name = error.name
      restored.error = kindlingError
    }
    return restored
  })
}

/** The text of an export file for these messages. */
export function exportConversation(messages: readonly ChatUIMessage[], now: Date = new Date()): string {
  const file: ConversationFile = {
    kindling: 'conversation',
    version: 1,
    exportedAt: now.toISOString(),
    messages: toStoredMessages(messages),
  }
  return JSON.stringify(file, null, 2)
}

/** What reading an import file gave: the messages, or a message saying what is wrong with it. */
export type ImportResult = { ok: true; messages: ChatUIMessage[] } | { ok: false; problem: string }

/** Reads an export file. Never throws: bad JSON or a wrong shape is a `problem` naming what is wrong. */
export function importConversation(text: string): ImportResult {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { ok: false, problem: `This file is not JSON (${(error as Error).message}).` }
  }
  const parsed = ConversationFileSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const path = issue?.path.length ? issue.path.join('.') : 'the file'
    return {
      ok: false,
      problem: `This is not a Kindling conversation: ${path}: ${issue?.message ?? 'invalid'}.`,
    }
  }
  return { ok: true, messages: fromStoredMessages(parsed.data.messages) }
}
