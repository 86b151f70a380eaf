import type { ToolCall, UsageInfo } from '@kindling/client'
import type { ChatMessageStatus, ChatUIMessage } from '@kindling/react'

/** Where a message is in its life: arriving, finished, stopped by the user, or failed. */
export type MessageStatus = ChatMessageStatus

/**
 * What the message components read of a message: the fields of `@kindling/react`'s
 * `ChatUIMessage`, loosened so that any store (or a story) can produce one. Every `ChatUIMessage`
 * is a `MessageView`: pass `useChatCompletion().messages` to the components as they are.
 */
export interface MessageView {
  /** Stable identity across renders (used as the React key). */
  id: ChatUIMessage['id']
  /** `user`, `assistant`, `system`, `tool`, … — unknown roles render like `system`. */
  role: ChatUIMessage['role']
  /** The message text (markdown for assistant messages). */
  content: ChatUIMessage['content']
  /** The multi-part content it was sent with (images, files), shown by `Message.Attachments`. */
  parts?: ChatUIMessage['parts'] | null | undefined
  /** Names and sizes of the attached files among `parts`. */
  attachments?: ChatUIMessage['attachments'] | null | undefined
  /** The model's reasoning ("thinking") text, shown collapsed. */
  reasoning_content?: string | null | undefined
  /** Tool calls the model made. */
  tool_calls?: readonly ToolCall[] | null | undefined
  status: MessageStatus
  /** Why the message failed, when `status` is `error` (a `KindlingError` from the hooks). */
  error?: { message: string } | null | undefined
  /** The API's finish reason (`stop`, `length`, `tool_calls`, …). */
  finish_reason?: string | null | undefined
  /** Token counts of the request that produced this message. */
  usage?: UsageInfo | null | undefined
  /** With n > 1 choices: how many there are and which one this view shows (0-based). */
  alternatives?: { count: number; selected: number } | null | undefined
  /** The model that answered. */
  model?: ChatUIMessage['model']
  /** Answer timing (`messageStats` turns it into time to first token and tokens per second). */
  timing?: ChatUIMessage['timing']
}

type Assert<T extends true> = T
/** Compile-time guarantee that the hooks' messages fit the components as they are (fails to type-check otherwise). */
export type _ChatUIMessageIsAMessageView = Assert<ChatUIMessage extends MessageView ? true : false>
