import { type ToolCallStatus, type ToolCallView, useChatActions, useToolCalls } from '@kindling/react'
import type { ReactNode } from 'react'
import { cx } from '../internal/cx.ts'
import { ownValue } from '../internal/ownValue.ts'

/** Draws one tool's calls in place of the default view (e.g. `get_weather` → a weather card); `null` falls back to it. */
export type ToolRenderer = (call: ToolCallView) => ReactNode

/** Renderers by tool name. */
export type ToolRenderers = Readonly<Record<string, ToolRenderer>>

/** Props of {@link ToolCall}. */
export interface ToolCallProps {
  call: ToolCallView
  /** Shown as "Allow" while the call awaits approval. */
  onApprove?: ((toolCallId: string) => void) | undefined
  /** Shown as "Deny" while the call awaits approval. */
  onDeny?: ((toolCallId: string) => void) | undefined
  /** Per-tool renderers, by tool name. */
  renderers?: ToolRenderers | undefined
  className?: string | undefined
}

const STATUS_LABELS: Record<ToolCallStatus, string> = {
  'streaming-arguments': 'Writing arguments…',
  'awaiting-approval': 'Needs your approval',
  'awaiting-result': 'Waiting for your answer',
  running: 'Running…',
  done: 'Done',
  error: 'Failed',
  denied: 'Denied',
}

function formatJson(value: unknown, text: string): string {
  if (value === undefined) return text
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2)
}

/** One tool call: its name and state, arguments and result as collapsible JSON, approve/deny buttons. */
export function ToolCall({ call, onApprove, onDeny, renderers, className }: ToolCallProps) {
  const custom = renderers ? ownValue(renderers, call.name)?.(call) : undefined
  const label = STATUS_LABELS[call.status]
  return (
    <section
      className={cx('kindling-tool-call-part', className)}
      data-status={call.status}
      aria-label={`Tool ${call.name}: ${label}`}
    >
      <header className="kindling-tool-call-part__header">
        <code className="kindling-tool-call-part__name">{call.name}</code>
        <span className="kindling-tool-call-part__status" role="status">
          {label}
        </span>
      </header>
      {custom ?? (
        <>
          <details className="kindling-tool-call-part__arguments" open={call.status !== 'done'}>
            <summary>Arguments</summary>
            <pre>{formatJson(call.args, call.argumentsText)}</pre>
          </details>
          {call.status === 'done' && (
            <details className="kindling-tool-call-part__result" open>
              <summary>Result</summary>
              <pre>{formatJson(call.result, '')}</pre>
            </details>
          )}
        </>
      )}
      {call.error && (call.status === 'error' || call.status === 'denied') && (
        <p className="kindling-tool-call-part__error">{call.error}</p>
      )}
      {call.status === 'awaiting-approval' && (onApprove || onDeny) && (
        <div className="kindling-tool-call-part__actions">
          {onApprove && (
            <button
              type="button"
              className="kindling-button kindling-button--primary"
              onClick={() => onApprove(call.id)}
            >
              Allow
            </button>
          )}
          {onDeny && (
            <button type="button" className="kindling-button" onClick={() => onDeny(call.id)}>
              Deny
            </button>
          )}
        </div>
      )}
    </section>
  )
}

/** Props of {@link ChatToolCalls}. */
export interface ChatToolCallsProps {
  chatId: string
  messageId: string
  renderers?: ToolRenderers | undefined
  className?: string | undefined
}

/** The tool calls of one message of a chat, with approve/deny wired to the chat's engine. */
export function ChatToolCalls({ chatId, messageId, renderers, className }: ChatToolCallsProps) {
  const calls = useToolCalls(chatId, messageId)
  const { approve, deny } = useChatActions(chatId)
  if (calls.length === 0) return null
  return (
    <div className={cx('kindling-tool-calls', className)}>
      {calls.map((call) => (
        <ToolCall key={call.id} call={call} onApprove={approve} onDeny={deny} renderers={renderers} />
      ))}
    </div>
  )
}
