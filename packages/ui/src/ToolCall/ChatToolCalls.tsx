import { useChatActions, useToolCalls } from '@kindling/react'
import type { ToolRenderers } from './ToolCall.tsx'
import { ToolCallList } from './ToolCallList.tsx'

/** Props of {@link ChatToolCalls}. */
export interface ChatToolCallsProps {
  chatId: string
  messageId: string
  /** Per-tool renderers, by tool name. */
  renderers?: ToolRenderers | undefined
  className?: string | undefined
}

/**
 * The tool calls of one message of a chat, live (arguments streaming, approval, running, result),
 * with Approve/Deny and renderers' results wired to the chat's engine. Nothing when it has none.
 */
export function ChatToolCalls({ chatId, messageId, renderers, className }: ChatToolCallsProps) {
  const calls = useToolCalls(chatId, messageId)
  const { approve, deny, addToolResult } = useChatActions(chatId)
  if (calls.length === 0) return null
  return (
    <ToolCallList
      calls={calls}
      onApprove={approve}
      onDeny={deny}
      onResult={addToolResult}
      renderers={renderers}
      className={className}
    />
  )
}
