import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'

describe('browser project', () => {
  it('runs in real Chromium with real layout', async () => {
    render(
      <button type="button" style={{ width: 123 }} onClick={(e) => (e.currentTarget.textContent = 'done')}>
        go
      </button>,
    )
    const button = screen.getByRole('button')
    expect(button.getBoundingClientRect().width).toBe(123)
    expect(navigator.userAgent).toMatch(/Chrome/)
    await userEvent.click(button)
    expect(button.textContent).toBe('done')
  })
})
