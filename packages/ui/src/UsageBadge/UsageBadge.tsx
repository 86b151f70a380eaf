import type { UsageInfo } from '@kindling/client'
import { cx } from '../internal/cx.ts'

/** Props of {@link UsageBadge}. */
export interface UsageBadgeProps {
  /** Token counts as the API reported them. */
  usage?: UsageInfo | null | undefined
  /** Milliseconds from sending to the first streamed token. */
  timeToFirstTokenMs?: number | null | undefined
  /** Output speed in tokens per second. */
  tokensPerSecond?: number | null | undefined
  className?: string | undefined
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 })
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 })

function formatDuration(ms: number): string {
  return ms < 1000 ? `${integer.format(ms)} ms` : `${decimal.format(ms / 1000)} s`
}

/**
 * A compact line of request statistics: prompt and completion tokens, time to first token,
 * tokens per second. Shows only what it is given; nothing at all when given nothing.
 */
export function UsageBadge({ usage, timeToFirstTokenMs, tokensPerSecond, className }: UsageBadgeProps) {
  const items: [string, string][] = []
  if (usage) {
    items.push(['Prompt', `${integer.format(usage.prompt_tokens)} tokens`])
    if (usage.completion_tokens != null)
      items.push(['Completion', `${integer.format(usage.completion_tokens)} tokens`])
    else items.push(['Total', `${integer.format(usage.total_tokens)} tokens`])
  }
  if (timeToFirstTokenMs != null) items.push(['First token', formatDuration(timeToFirstTokenMs)])
  if (tokensPerSecond != null) items.push(['Speed', `${decimal.format(tokensPerSecond)} tokens/s`])
  if (items.length === 0) return null
  return (
    <dl className={cx('kindling-usage', className)}>
      {items.map(([term, detail]) => (
        <div key={term} className="kindling-usage__item">
          <dt>{term}</dt>
          <dd>{detail}</dd>
        </div>
      ))}
    </dl>
  )
}
