import type { ToolCall, UsageInfo } from '@kindling/client'

/** Where a message is in its life: arriving, finished, stopped by the user, or failed. */
export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error'

/**
 * What the message components show: one chat message plus the view state around it. Plain data, so
 * any store (the `@kindling/react` hooks or an app's own) can produce it.
 */
export interface MessageView {
  /** Stable identity across renders (used as the React key). */
  id: string
  /** `user`, `assistant`, `system`, `tool`, … — unknown roles render like `system`. */
  role: string
  /** The message text (markdown for assistant messages). */
  content: string
  /** The model's reasoning ("thinking") text, shown collapsed. */
  reasoning_content?: string | null | undefined
  /** Tool calls the model made. */
  tool_calls?: readonly ToolCall[] | null | undefined
  status: MessageStatus
  /** Why the message failed, when `status` is `error`. */
  error?: { message: string } | null | undefined
  /** The API's finish reason (`stop`, `length`, `tool_calls`, …). */
  finish_reason?: string | null | undefined
  /** Token counts of the request that produced this message. */
  usage?: UsageInfo | null | undefined
  /** With n > 1 choices: how many there are and which one this view shows (0-based). */
  alternatives?: { count: number; selected: number } | null | undefined
}
