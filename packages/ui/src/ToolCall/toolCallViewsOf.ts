import { createPartialJsonParser } from '@kindling/client'
import type { ToolCallView } from '@kindling/react'
import type { MessageView } from '../Message/MessageView.ts'

// The calls of a message shown without a chat engine (a transcript, a story): what the message
// itself says. Inside `Chat.Root`, `useToolCalls` knows more (approvals, running, results).

function partialArguments(text: string): unknown {
  try {
    return createPartialJsonParser().push(text)
  } catch {
    return undefined
  }
}

/**
 * The tool calls of `message` as {@link ToolCallView}s: arguments streaming while the message
 * streams, then waiting for a result (a message alone does not know its calls' results).
 */
export function toolCallViewsOf(message: MessageView): ToolCallView[] {
  const status = message.status === 'streaming' ? 'streaming-arguments' : 'awaiting-result'
  return (message.tool_calls ?? []).map((call, index) => ({
    id: call.id || `call-${index}`,
    name: call.function.name,
    status,
    argumentsText: call.function.arguments,
    args: partialArguments(call.function.arguments),
  }))
}
