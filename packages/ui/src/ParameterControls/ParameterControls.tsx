import type { SamplingParams } from '@kindling/client'
import { useId } from 'react'
import { cx } from '../internal/cx.ts'

/** The sampling parameters {@link ParameterControls} can edit; absent means "the server's default". */
export type ParameterValues = Pick<
  SamplingParams,
  'temperature' | 'top_p' | 'top_k' | 'max_tokens' | 'presence_penalty' | 'frequency_penalty' | 'n' | 'seed'
>

/** A parameter {@link ParameterControls} knows. */
export type ParameterName = keyof ParameterValues

interface ParameterSpec {
  label: string
  min?: number
  max?: number
  step: number
  /** Shown as a slider plus a number field (bounded, fractional parameters). */
  slider?: boolean
  /** Where the slider rests while the value is unset. */
  fallback?: number
}

const SPECS: Record<ParameterName, ParameterSpec> = {
  temperature: { label: 'Temperature', min: 0, max: 2, step: 0.01, slider: true, fallback: 1 },
  top_p: { label: 'Top P', min: 0, max: 1, step: 0.01, slider: true, fallback: 1 },
  top_k: { label: 'Top K', min: 0, step: 1 },
  max_tokens: { label: 'Max tokens', min: 1, step: 1 },
  presence_penalty: { label: 'Presence penalty', min: -2, max: 2, step: 0.01, slider: true, fallback: 0 },
  frequency_penalty: { label: 'Frequency penalty', min: -2, max: 2, step: 0.01, slider: true, fallback: 0 },
  n: { label: 'Choices (n)', min: 1, max: 8, step: 1 },
  seed: { label: 'Seed', step: 1 },
}

const DEFAULT_PARAMETERS: readonly ParameterName[] = ['temperature', 'top_p', 'max_tokens']

/** Props of {@link ParameterControls}. */
export interface ParameterControlsProps {
  /** The current values (controlled). */
  value: ParameterValues
  /** Called with the whole next value; a cleared field is removed (back to the server default). */
  onChange: (value: ParameterValues) => void
  /** Which parameters to show, in order. Default: temperature, top_p, max_tokens. */
  parameters?: readonly ParameterName[] | undefined
  disabled?: boolean | undefined
  /** Accessible name of the group. Default "Parameters". */
  label?: string | undefined
  className?: string | undefined
}

function withValue(values: ParameterValues, name: ParameterName, next: number | undefined): ParameterValues {
  const copy: ParameterValues = { ...values }
  if (next === undefined || Number.isNaN(next)) delete copy[name]
  else copy[name] = next
  return copy
}

/**
 * Sampling parameters as labelled sliders and number fields, controlled by `value` and `onChange`.
 * An empty field means "unset": the request leaves the parameter out.
 */
export function ParameterControls({
  value,
  onChange,
  parameters = DEFAULT_PARAMETERS,
  disabled = false,
  label = 'Parameters',
  className,
}: ParameterControlsProps) {
  const id = useId()
  return (
    <fieldset className={cx('kindling-parameters', className)} disabled={disabled}>
      <legend className="kindling-parameters__legend">{label}</legend>
      {parameters.map((name) => {
        const spec = SPECS[name]
        const current = value[name]
        const labelId = `${id}-${name}-label`
        const fieldId = `${id}-${name}`
        return (
          <div key={name} className="kindling-parameters__row" data-parameter={name}>
            <label id={labelId} htmlFor={fieldId} className="kindling-parameters__label">
              {spec.label}
            </label>
            {spec.slider ? (
              <input
                type="range"
                className="kindling-parameters__slider"
                aria-labelledby={labelId}
                min={spec.min}
                max={spec.max}
                step={spec.step}
                value={current ?? spec.fallback}
                onChange={(event) => onChange(withValue(value, name, event.target.valueAsNumber))}
              />
            ) : null}
            <input
              id={fieldId}
              type="number"
              inputMode={spec.step < 1 ? 'decimal' : 'numeric'}
              className="kindling-input kindling-parameters__number"
              min={spec.min}
              max={spec.max}
              step={spec.step}
              placeholder="default"
              value={current ?? ''}
              onChange={(event) =>
                onChange(
                  withValue(value, name, event.target.value === '' ? undefined : event.target.valueAsNumber),
                )
              }
            />
          </div>
        )
      })}
    </fieldset>
  )
}
