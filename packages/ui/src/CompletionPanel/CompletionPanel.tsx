import type { CompletionParams, CompletionResponse, KindlingClient, KindlingError } from '@kindling/client'
import {
  type CompletionChoiceView,
  type CompletionOutcome,
  messageStats,
  useCompletion,
} from '@kindling/react'
import { type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { cx } from '../internal/cx.ts'
import { Button } from '../primitives/Button.tsx'
import { Icons } from '../primitives/Icons.tsx'
import { UsageBadge } from '../UsageBadge/UsageBadge.tsx'

/** Props of {@link CompletionPanel}. */
export interface CompletionPanelProps {
  /** The model to ask. */
  model: string
  /** Request parameters (`max_tokens`, `temperature`, `n`, `stop`, `echo`, …). */
  params?: CompletionParams | undefined
  /** The client; default the `KindlingProvider`'s. */
  client?: KindlingClient | undefined
  /** The prompt box's text at first. */
  initialPrompt?: string | undefined
  /** Called once a completion finished. */
  onFinish?: ((completion: string, response: CompletionResponse) => void) | undefined
  /** Called when a completion failed. */
  onError?: ((error: KindlingError) => void) | undefined
  /** Visible label of the prompt box. Default "Prompt". */
  label?: string | undefined
  /** Shown in the output before the first completion. */
  emptyState?: ReactNode
  /** Extra controls in the toolbar (a model picker, parameter controls). */
  children?: ReactNode
  /**
   * Offer Retry beside a failed completion (default true). Pass false while the app already offers
   * one for the same cause, e.g. a banner for a server that can't be reached: one failure, one retry.
   */
  showRetry?: boolean | undefined
  className?: string | undefined
}

const ANNOUNCEMENTS: Record<CompletionOutcome, (error: string | undefined) => string> = {
  done: () => 'Completion finished.',
  stopped: () => 'Completion stopped.',
  error: (error) => `Completion failed: ${error ?? 'unknown error'}`,
}

function ChoiceText({ choice, streaming }: { choice: CompletionChoiceView; streaming: boolean }) {
  return (
    <pre className="kindling-completion__text" data-streaming={streaming || undefined}>
      {choice.text}
    </pre>
  )
}

/**
 * Prompt in, streamed text completion out (`useCompletion`, `POST /completions`): a prompt box,
 * Complete (Ctrl/⌘+Enter) and Stop, the text as it streams, every choice when `n` > 1, the
 * outcome (stopped, failed with Retry, cut at the token limit) and usage with timing.
 *
 * @example
 * <CompletionPanel model="kindling-text" params={{ max_tokens: 128 }} />
 */
export function CompletionPanel({
  model,
  params,
  client,
  initialPrompt,
  onFinish,
  onError,
  label = 'Prompt',
  emptyState = 'The completion appears here.',
  children,
  showRetry = true,
  className,
}: CompletionPanelProps) {
  const id = useId()
  const completion = useCompletion({ params, model, client, onFinish, onError })
  const { status, outcome, error, choices, usage, timing, input, setInput, handleSubmit, stop, complete } =
    completion
  const busy = status === 'submitted' || status === 'streaming'
  const [shown, setShown] = useState(0)
  const seeded = useRef(false)
  useEffect(() => {
    if (seeded.current || !initialPrompt) return
    seeded.current = true
    setInput(initialPrompt)
  }, [initialPrompt, setInput])
  // A new completion shows its first choice again.
  const prompt = completion.prompt
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the shown choice per prompt run
  useEffect(() => setShown(0), [prompt, timing?.startedAt])

  const choice = choices[Math.min(shown, Math.max(choices.length - 1, 0))]
  const stats = !busy && timing ? messageStats({ timing, usage }) : undefined
  let note: string | undefined
  if (!busy && outcome === 'stopped') note = 'Stopped.'
  else if (!busy && outcome === 'error') note = error?.message ?? 'The completion failed.'
  else if (!busy && outcome === 'done' && choice?.finish_reason === 'length')
    note = 'Cut off at the token limit.'

  return (
    <form
      className={cx('kindling-completion', className)}
      aria-label="Text completion"
      onSubmit={(event) => void handleSubmit(event)}
    >
      <label htmlFor={`${id}-prompt`} className="kindling-completion__label">
        {label}
      </label>
      <textarea
        id={`${id}-prompt`}
        className="kindling-completion__prompt"
        value={input}
        rows={4}
        onChange={(event) => setInput(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault()
            event.currentTarget.form?.requestSubmit()
          }
        }}
      />
      <div className="kindling-completion__toolbar">
        {busy ? (
          <Button icon={<Icons.Stop />} onClick={stop}>
            Stop
          </Button>
        ) : (
          <Button type="submit" variant="primary" disabled={input.trim() === ''}>
            Complete
          </Button>
        )}
        {children}
      </div>
      {choices.length > 1 ? (
        <fieldset className="kindling-completion__choices">
          <legend className="kindling-visually-hidden">Choices</legend>
          {choices.map((item, index) => (
            <Button key={item.index} size="sm" aria-pressed={index === shown} onClick={() => setShown(index)}>
              Choice {index + 1}
            </Button>
          ))}
        </fieldset>
      ) : null}
      <section
        className="kindling-completion__output"
        aria-label="Completion"
        aria-busy={busy || undefined}
        data-status={busy ? status : (outcome ?? 'ready')}
      >
        {choice ? (
          <ChoiceText choice={choice} streaming={busy} />
        ) : (
          // A div, not a <p>: emptyState may itself be a paragraph (or any block).
          <div className="kindling-completion__empty">
            {busy ? 'Waiting for the first token…' : emptyState}
          </div>
        )}
      </section>
      {note ? (
        <div className="kindling-completion__status" data-kind={outcome}>
          <p>
            {outcome === 'error' ? <strong>Error: </strong> : null}
            {note}
          </p>
          {/* After Stop, Complete already asks again: Retry only for a failure. */}
          {outcome === 'error' && showRetry ? (
            <Button
              size="sm"
              icon={<Icons.Retry />}
              onClick={() => void complete(completion.prompt ?? input)}
            >
              Retry
            </Button>
          ) : null}
        </div>
      ) : null}
      {stats ? (
        <UsageBadge
          usage={usage}
          timeToFirstTokenMs={stats.timeToFirstToken}
          tokensPerSecond={stats.tokensPerSecond}
        />
      ) : null}
      <div className="kindling-visually-hidden" aria-live="polite" aria-atomic="true">
        {busy || !outcome ? '' : ANNOUNCEMENTS[outcome](error?.message)}
      </div>
    </form>
  )
}
