import type { ToolCallView } from '@kindling/react'
import { cx } from '../internal/cx.ts'
import { ToolCall, type ToolCallProps } from './ToolCall.tsx'

/** The tool calls of one message, one {@link ToolCall} each, with the same actions and renderers. */
export function ToolCallList({
  calls,
  className,
  ...actions
}: Omit<ToolCallProps, 'call'> & { calls: readonly ToolCallView[] }) {
  return (
    <div className={cx('kindling-tool-calls', className)}>
      {calls.map((call) => (
        <ToolCall key={call.id} call={call} {...actions} />
      ))}
    </div>
  )
}
