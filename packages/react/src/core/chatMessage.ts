import type {
  ChatMessage,
  ChatRequestMessage,
  ContentPart,
  KindlingError,
  ToolCall,
  UsageInfo,
} from '@kindling/client'
import type { ChatMessageStatus } from './status.ts'
import type { StreamRef } from './streamResume.ts'
import type { StoredToolCall } from './toolCallStates.ts'

// What one message of a chat is, and how it converts to and from the wire.

/** When an answer started, produced its first token and ended (`Date.now()` milliseconds). */
export interface MessageTiming {
  readonly startedAt: number
  readonly firstTokenAt?: number | undefined
  readonly finishedAt?: number | undefined
  /** The server's own time to first token (ms), when it reports one (Fireworks' `fireworks-*` metrics). */
  readonly serverTimeToFirstToken?: number | undefined
}

/** A file the user attached to a message, for display (the file itself is one of `parts`). */
export interface MessageAttachment {
  /** The index in `parts` of the content part the file became. */
  readonly part: number
  /** The file's name (an image's alt text). */
  readonly name: string
  /** Its media type, as sent. */
  readonly type: string
  /** Its size in bytes, as sent (after downscaling). */
  readonly size: number
  /** An image's pixel size, as sent. */
  readonly width?: number | undefined
  readonly height?: number | undefined
}

/**
 * A chat message as the engine holds it: the wire message (`role`, `content`, `reasoning_content`,
 * `tool_calls`, …) plus a stable `id` and the view state of its answer. Field names match
 * `@kindling/ui`'s `MessageView`, so it can be passed to the UI components as it is.
 */
export interface ChatUIMessage {
  /** Stable across renders, updates and reloads: use it as the React key. */
  readonly id: string
  /** `user`, `assistant`, `system`, `developer` or `tool`. */
  readonly role: string
  /** The text. `''` when there is none yet. */
  readonly content: string
  /** The original multi-part content of a sent message (images, …); `content` holds its text. */
  readonly parts?: readonly ContentPart[] | undefined
  /** Names and sizes of the files among `parts`, for display; never sent. */
  readonly attachments?: readonly MessageAttachment[] | undefined
  readonly name?: string | undefined
  readonly reasoning_content?: string | undefined
  readonly tool_calls?: readonly ToolCall[] | undefined
  /** For `role: 'tool'`: the call this message answers. */
  readonly tool_call_id?: string | undefined
  readonly status: ChatMessageStatus
  /** Why the answer failed, when `status` is `'error'` (its text so far is kept in `content`). */
  readonly error?: KindlingError | undefined
  readonly finish_reason?: string | null | undefined
  readonly usage?: UsageInfo | undefined
  /** The model that answered. */
  readonly model?: string | undefined
  /** Answer timing, for time to first token and tokens per second (see {@link messageStats}). */
  readonly timing?: MessageTiming | undefined
  /** For an answer with tool calls: each call's state by call id, saved with the thread (reloads, other tabs). */
  readonly toolCallStates?: Readonly<Record<string, StoredToolCall>> | undefined
  /** While it streams from a resumable `@kindling/server`: the stream to resume it from after a reload. */
  readonly stream?: StreamRef | undefined
}

/** What `send`, `setMessages` and `initialMessages` accept: a UI message, or a wire message without an id. */
export type ChatMessageInput = ChatUIMessage | ChatRequestMessage | ChatMessage

let counter = 0
// Time and randomness in the prefix: ids stay unique across reloads and tabs, as persisted trees need.
const prefix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

/** A message id unique across pages and reloads (no `crypto` needed, which plain-HTTP pages lack). */
export function createMessageId(): string {
  counter += 1
  return `msg-${prefix}-${counter.toString(36)}`
}

function textOf(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content
  if (!content) return ''
  let text = ''
  for (const part of content) if (typeof part.text === 'string') text += part.text
  return text
}

/** A UI message from any accepted input; UI messages are returned as they are. */
export function toUIMessage(input: ChatMessageInput): ChatUIMessage {
  if ('id' in input && typeof input.id === 'string' && 'status' in input) return input as ChatUIMessage
  const wire = input as ChatMessage
  const message: {
    -readonly [K in keyof ChatUIMessage]: ChatUIMessage[K]
  } = { id: createMessageId(), role: wire.role, content: textOf(wire.content), status: 'done' }
  if (Array.isArray(wire.content)) message.parts = wire.content
  if (wire.name) message.name = wire.name
  if (wire.reasoning_content) message.reasoning_content = wire.reasoning_content
  if (wire.tool_calls?.length) message.tool_calls = wire.tool_calls
  if (wire.tool_call_id) message.tool_call_id = wire.tool_call_id
  return message
}

/** The wire message a UI message is sent back as (reasoning is not sent back). */
export function toRequestMessage(message: ChatUIMessage): ChatRequestMessage {
  const out: ChatRequestMessage = {
    role: message.role as ChatRequestMessage['role'],
    content: message.parts ? [...message.parts] : message.content,
  }
  if (message.name) out.name = message.name
  if (message.tool_calls?.length) {
    out.tool_calls = [...message.tool_calls]
    if (message.content === '') out.content = null
  }
  if (message.tool_call_id) out.tool_call_id = message.tool_call_id
  return out
}

/** What the model reads for a call that never got a result (stopped, or left pending in another tab). */
export const UNANSWERED_TOOL_CALL_RESULT = JSON.stringify({ error: 'The call ended without a result.' })

/**
 * Messages worth sending: everything but empty answers (e.g. one that failed before a token).
 * Every tool call gets a result message, because OpenAI-compatible servers refuse a request whose
 * assistant `tool_calls` are not each followed by a `tool` message: a call left without one (the user
 * stopped, or wrote on while it waited) gets an error result the model can read.
 */
export function toRequestMessages(messages: readonly ChatUIMessage[]): ChatRequestMessage[] {
  const out: ChatRequestMessage[] = []
  let unanswered: string[] = []
  const answerTheRest = () => {
    for (const id of unanswered) {
      out.push({ role: 'tool', tool_call_id: id, content: UNANSWERED_TOOL_CALL_RESULT })
    }
    unanswered = []
  }
  for (const message of messages) {
    if (message.role === 'tool' && message.tool_call_id) {
      unanswered = unanswered.filter((id) => id !== message.tool_call_id)
    } else if (message.role !== 'tool') {
      answerTheRest()
    }
    if (message.role === 'assistant' && message.content === '' && !message.tool_calls?.length) continue
    out.push(toRequestMessage(message))
    if (message.role === 'assistant' && message.tool_calls?.length) {
      unanswered = message.tool_calls.map((call) => call.id)
    }
  }
  answerTheRest()
  return out
}
