import { cleanup, render } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import '../styles.css'
import { Composer, type ComposerRootProps } from './Composer.tsx'

function Harness(props: Omit<ComposerRootProps, 'value' | 'onChange'>) {
  const [value, setValue] = useState('')
  return (
    <Composer.Root {...props} value={value} onChange={setValue}>
      <Composer.Input />
      <Composer.Send />
      <Composer.Stop />
    </Composer.Root>
  )
}

afterEach(cleanup)

describe('Composer with real keyboard input (Chromium through CDP)', () => {
  it('sends on Enter and starts a new line on Shift+Enter', async () => {
    const onSubmit = vi.fn()
    const { getByRole } = render(<Harness onSubmit={onSubmit} />)
    const box = getByRole('textbox') as HTMLTextAreaElement
    await userEvent.click(box)
    await userEvent.keyboard('first{Shift>}{Enter}{/Shift}second')
    expect(box.value).toBe('first\nsecond')
    expect(onSubmit).not.toHaveBeenCalled()
    await userEvent.keyboard('{Enter}')
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('first\nsecond', [])
  })

  it('grows with its text up to its maximum height, then scrolls', async () => {
    const { getByRole } = render(<Harness onSubmit={() => {}} />)
    const box = getByRole('textbox') as HTMLTextAreaElement
    const empty = box.getBoundingClientRect().height
    await userEvent.click(box)
    await userEvent.keyboard('a{Shift>}{Enter}{/Shift}b{Shift>}{Enter}{/Shift}c')
    const threeLines = box.getBoundingClientRect().height
    expect(threeLines).toBeGreaterThan(empty)
    await userEvent.keyboard(
      '{Shift>}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{/Shift}',
    )
    const capped = box.getBoundingClientRect().height
    expect(capped).toBeLessThanOrEqual(parseFloat(getComputedStyle(box).maxHeight) + 1)
    expect(box.scrollHeight).toBeGreaterThan(box.clientHeight)
  })

  it('does not send while a reply streams, and Stop calls onStop', async () => {
    const onSubmit = vi.fn()
    const onStop = vi.fn()
    const { getByRole } = render(<Harness onSubmit={onSubmit} onStop={onStop} status="streaming" />)
    await userEvent.click(getByRole('textbox'))
    await userEvent.keyboard('queued{Enter}')
    expect(onSubmit).not.toHaveBeenCalled()
    await userEvent.click(getByRole('button', { name: 'Stop' }))
    expect(onStop).toHaveBeenCalledOnce()
  })
})
