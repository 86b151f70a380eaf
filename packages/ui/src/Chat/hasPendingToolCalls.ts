import type { ChatState } from '@kindling/react'

/** True while a tool call of the message `id` (on the active path) is still being handled: not yet ended. */
export function hasPendingToolCalls(state: ChatState, id: string): boolean {
  const index = state.messageIndex.get(id)
  const calls = index === undefined ? undefined : state.messages[index]?.tool_calls
  if (!calls?.length) return false
  return calls.some((call) => {
    const status = state.toolCalls.get(call.id)?.status
    return status !== undefined && status !== 'done' && status !== 'error' && status !== 'denied'
  })
}
