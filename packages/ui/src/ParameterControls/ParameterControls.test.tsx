import { cleanup, render } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { ParameterControls, type ParameterValues } from './ParameterControls.tsx'

function Harness({
  onChange,
  initial,
}: {
  onChange: (value: ParameterValues) => void
  initial: ParameterValues
}) {
  const [value, setValue] = useState(initial)
  return (
    <ParameterControls
      value={value}
      onChange={(next) => {
        onChange(next)
        setValue(next)
      }}
    />
  )
}

afterEach(cleanup)

describe('ParameterControls with the real keyboard', () => {
  it('moves a slider with the arrow keys and keeps the number field in step', async () => {
    const onChange = vi.fn()
    const { getByRole } = render(<Harness onChange={onChange} initial={{ temperature: 0.7 }} />)
    await userEvent.click(getByRole('spinbutton', { name: 'Temperature' }))
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}')
    expect(document.activeElement).toBe(getByRole('slider', { name: 'Temperature' }))
    await userEvent.keyboard('{ArrowRight}{ArrowRight}')
    expect(onChange).toHaveBeenLastCalledWith({ temperature: 0.72 })
    expect((getByRole('spinbutton', { name: 'Temperature' }) as HTMLInputElement).value).toBe('0.72')
  })

  it('sets an unset parameter from its slider, starting at the server default position', async () => {
    const onChange = vi.fn()
    const { getByRole } = render(<Harness onChange={onChange} initial={{}} />)
    const slider = getByRole('slider', { name: 'Top P' }) as HTMLInputElement
    expect(slider.value).toBe('1')
    expect((getByRole('spinbutton', { name: 'Top P' }) as HTMLInputElement).value).toBe('')
    slider.focus()
    await userEvent.keyboard('{ArrowLeft}')
    expect(onChange).toHaveBeenLastCalledWith({ top_p: 0.99 })
  })
})
