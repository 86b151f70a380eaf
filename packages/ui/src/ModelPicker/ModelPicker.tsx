import type { Model } from '@kindling/client'
import { useId, useMemo, useState } from 'react'
import { cx } from '../internal/cx.ts'
import { Button } from '../primitives/Button.tsx'
import { Icons } from '../primitives/Icons.tsx'

/** Props of {@link ModelPicker}. */
export interface ModelPickerProps {
  /** The models to choose from (e.g. `useModels().data`). */
  models: readonly Model[] | undefined
  /** The chosen model id (controlled). */
  value: string | undefined
  onChange: (modelId: string) => void
  /** The list is being fetched. */
  isLoading?: boolean | undefined
  /** Why the list could not be fetched. */
  error?: { message: string } | string | null | undefined
  /** Show "Retry" next to the error and call this on click. */
  onRetry?: (() => void) | undefined
  /** Show the filter field from this many models on. Default 8; 0 always shows it. */
  searchThreshold?: number | undefined
  /** How a model is named in the list. Default: the last path segment of its id. */
  getLabel?: ((model: Model) => string) | undefined
  /** Visible label. Default "Model". */
  label?: string | undefined
  disabled?: boolean | undefined
  className?: string | undefined
}

/** `accounts/fireworks/models/llama-v3p1-8b-instruct` → `llama-v3p1-8b-instruct`. */
function shortLabel(model: Model): string {
  return model.id.slice(model.id.lastIndexOf('/') + 1) || model.id
}

/**
 * Chooses a model from a list, with a filter field for long lists and loading, error (with retry)
 * and empty states. A native `<select>`: keyboard, screen reader and mobile behaviour come free.
 */
export function ModelPicker({
  models,
  value,
  onChange,
  isLoading = false,
  error,
  onRetry,
  searchThreshold = 8,
  getLabel = shortLabel,
  label = 'Model',
  disabled = false,
  className,
}: ModelPickerProps) {
  const id = useId()
  const [query, setQuery] = useState('')
  const list = models ?? []
  const { filtered, matches } = useMemo(() => {
    const needle = query.trim().toLowerCase()
    if (!needle) return { filtered: list, matches: list.length }
    const isMatch = (model: Model) =>
      model.id.toLowerCase().includes(needle) || getLabel(model).toLowerCase().includes(needle)
    return {
      // The chosen model stays listed so the select never shows a value it does not have.
      filtered: list.filter((model) => model.id === value || isMatch(model)),
      matches: list.filter(isMatch).length,
    }
  }, [list, query, value, getLabel])
  const errorMessage = typeof error === 'string' ? error : error?.message
  const showSearch = list.length > 0 && list.length >= searchThreshold
  const known = list.some((model) => model.id === value)

  return (
    <div className={cx('kindling-model-picker', className)} aria-busy={isLoading || undefined}>
      <label htmlFor={`${id}-select`} className="kindling-model-picker__label">
        {label}
      </label>
      <div className="kindling-model-picker__controls">
        {showSearch ? (
          <input
            type="search"
            className="kindling-input kindling-model-picker__search"
            aria-label={`Filter ${label.toLowerCase()}s`}
            aria-controls={`${id}-select`}
            placeholder="Filter…"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            disabled={disabled}
          />
        ) : null}
        <span className="kindling-select kindling-model-picker__select">
          <select
            id={`${id}-select`}
            className="kindling-select__control"
            value={value ?? ''}
            disabled={disabled || isLoading || list.length === 0}
            onChange={(event) => onChange(event.target.value)}
            aria-describedby={errorMessage ? `${id}-error` : undefined}
          >
            {isLoading ? <option value={value ?? ''}>Loading models…</option> : null}
            {!isLoading && list.length === 0 ? (
              <option value={value ?? ''}>{value || 'No models'}</option>
            ) : null}
            {!isLoading && list.length > 0 && !known ? (
              <option value={value ?? ''}>{value || 'Choose a model'}</option>
            ) : null}
            {isLoading
              ? null
              : filtered.map((model) => (
                  <option key={model.id} value={model.id} title={model.id}>
                    {getLabel(model)}
                  </option>
                ))}
          </select>
          <Icons.ChevronDown className="kindling-select__chevron" />
        </span>
      </div>
      {showSearch && query.trim() ? (
        <p className="kindling-model-picker__hint" aria-live="polite">
          {matches === 0 ? 'No model matches.' : `${matches} matching`}
        </p>
      ) : null}
      {errorMessage ? (
        <div id={`${id}-error`} className="kindling-model-picker__error" role="alert">
          <span>Could not load models: {errorMessage}</span>
          {onRetry ? (
            <Button size="sm" icon={<Icons.Retry />} onClick={onRetry}>
              Retry
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
