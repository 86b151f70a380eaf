import type { ToolCallStatus, ToolCallView } from '@kindling/react'
import type { ReactNode } from 'react'
import { cx } from '../internal/cx.ts'
import { ownValue } from '../internal/ownValue.ts'
import { Button } from '../primitives/Button.tsx'

/** What a {@link ToolRenderer} can do to the call it draws (each bound to that call). */
export interface ToolCallActions {
  /** Lets the call run (while it awaits approval). */
  approve(): void
  /** Denies the call (while it awaits approval): the model is told the user denied it. */
  deny(): void
  /** Gives the call's result (while it awaits one: a tool without `execute`), e.g. from a form. */
  addResult(result: unknown): void
}

/**
 * Draws one tool's calls in place of the default arguments and result (e.g. `get_weather` → a
 * weather card). The header, error and approve/deny buttons stay. Return `null` or `undefined` to
 * fall back to the default view for that state, `false` to draw nothing.
 */
export type ToolRenderer = (call: ToolCallView, actions: ToolCallActions) => ReactNode

/** Renderers by tool name. */
export type ToolRenderers = Readonly<Record<string, ToolRenderer>>

/** Props of {@link ToolCall}. */
export interface ToolCallProps {
  call: ToolCallView
  /** Shown as "Approve" while the call awaits approval. */
  onApprove?: ((toolCallId: string) => void) | undefined
  /** Shown as "Deny" while the call awaits approval. */
  onDeny?: ((toolCallId: string) => void) | undefined
  /** Gives a result to a call awaiting one (passed to renderers as `actions.addResult`). */
  onResult?: ((toolCallId: string, result: unknown) => void) | undefined
  /** Per-tool renderers, by tool name. */
  renderers?: ToolRenderers | undefined
  className?: string | undefined
}

const STATUS_LABELS: Record<ToolCallStatus, string> = {
  'streaming-arguments': 'Preparing…',
  'awaiting-approval': 'Needs your approval',
  'awaiting-result': 'Waiting for a result',
  running: 'Running…',
  done: 'Done',
  error: 'Failed',
  denied: 'Denied',
}

/** Pretty JSON of a value; a string is shown as it is; `fallback` when there is no value. */
function formatJson(value: unknown, fallback: string): string {
  if (value === undefined) return fallback
  return typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? fallback)
}

function JsonBlock({ label, text, open }: { label: string; text: string; open: boolean }) {
  return (
    <details className="kindling-tool-call-part__section" open={open}>
      <summary>{label}</summary>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <pre tabIndex={0}>{text}</pre>
    </details>
  )
}

const nothing = () => {}

/**
 * One tool call: its name and state; arguments (live while they stream) and result as collapsible
 * formatted JSON; Approve/Deny while it awaits approval; its error when it failed or was denied.
 * A renderer registered for the tool's name replaces the arguments and result.
 */
export function ToolCall({ call, onApprove, onDeny, onResult, renderers, className }: ToolCallProps) {
  const renderer = renderers ? ownValue(renderers, call.name) : undefined
  const custom = renderer?.(call, {
    approve: onApprove ? () => onApprove(call.id) : nothing,
    deny: onDeny ? () => onDeny(call.id) : nothing,
    addResult: onResult ? (result) => onResult(call.id, result) : nothing,
  })
  const label = STATUS_LABELS[call.status]
  const ended = call.status === 'done' || call.status === 'error' || call.status === 'denied'
  return (
    // A named group, not a landmark: a conversation holds many calls, and a <fieldset> is for forms.
    // biome-ignore lint/a11y/useSemanticElements: see above
    <div
      role="group"
      className={cx('kindling-tool-call-part', className)}
      data-status={call.status}
      data-tool={call.name}
      aria-label={`Tool ${call.name}: ${label}`}
      aria-busy={call.status === 'streaming-arguments' || call.status === 'running' || undefined}
    >
      <div className="kindling-tool-call-part__header">
        <code className="kindling-tool-call-part__name">{call.name}</code>
        <span className="kindling-tool-call-part__status" role="status">
          <span className="kindling-tool-call-part__dot" aria-hidden="true" />
          {label}
        </span>
      </div>
      {custom ?? (
        <>
          <JsonBlock label="Arguments" text={formatJson(call.args, call.argumentsText)} open={!ended} />
          {call.status === 'done' && <JsonBlock label="Result" text={formatJson(call.result, '')} open />}
        </>
      )}
      {call.error && (call.status === 'error' || call.status === 'denied') && (
        <p className="kindling-tool-call-part__error">{call.error}</p>
      )}
      {call.status === 'awaiting-approval' && (onApprove || onDeny) && (
        <div className="kindling-tool-call-part__approval">
          <span className="kindling-tool-call-part__question">Run this tool?</span>
          <div className="kindling-tool-call-part__actions">
            {onApprove && (
              <Button size="sm" variant="primary" onClick={() => onApprove(call.id)}>
                Approve
              </Button>
            )}
            {onDeny && (
              <Button size="sm" onClick={() => onDeny(call.id)}>
                Deny
              </Button>
            )}
          </div>
        </div>
      )}
    </div>
  )
}
