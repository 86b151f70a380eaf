import { useChatActions, useToolCalls } from '@kindling/react'
import { cx } from '../internal/cx.ts'
import { ToolCall, type ToolRenderers } from './ToolCall.tsx'

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
    <div className={cx('kindling-tool-calls', className)}>
      {calls.map((call) => (
        <ToolCall
          key={call.id}
          call={call}
          onApprove={approve}
          onDeny={deny}
          onResult={addToolResult}
          renderers={renderers}
        />
      ))}
    </div>
  )
}
