import type { ChatUIMessage } from '@kindling/react'

/**
 * The messages without the `role: 'tool'` results whose call an earlier assistant message shows
 * (its ToolCall part carries the result): the same array when there are none.
 */
export function withoutAnsweredToolMessages(messages: readonly ChatUIMessage[]): readonly ChatUIMessage[] {
  let callIds: Set<string> | undefined
  let visible: ChatUIMessage[] | undefined
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index] as ChatUIMessage
    if (message.role === 'assistant' && message.tool_calls?.length) {
      callIds ??= new Set()
      for (const call of message.tool_calls) callIds.add(call.id)
    }
    const answered = message.role === 'tool' && message.tool_call_id && callIds?.has(message.tool_call_id)
    if (answered) visible ??= messages.slice(0, index)
    else visible?.push(message)
  }
  return visible ?? messages
}
