import type { ChatState } from '@kindling/react'
import { selectMessage } from '@kindling/react/core'

/** True while a tool call of the message `id` is still being handled by the engine (not yet ended). */
export function hasPendingToolCalls(state: ChatState, id: string): boolean {
  const calls = selectMessage(state, id)?.tool_calls
  if (!calls?.length) return false
  return calls.some((call) => {
    const status = state.toolCalls.get(call.id)?.status
    return status !== undefined && status !== 'done' && status !== 'error' && status !== 'denied'
  })
}
