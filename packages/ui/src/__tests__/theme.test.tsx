import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { cdp } from 'vitest/browser'
import { Composer } from '../Composer/Composer.tsx'
import '../styles.css'

// The theme in real Chromium: each --kindling-* colour is a light-dark() pair, resolved by the
// colour scheme where it is used: the OS preference, or data-kindling-theme on any ancestor.

// The OS colour preference, as Chromium's DevTools emulate it.
function preferColorScheme(value: 'light' | 'dark') {
  return cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value }] })
}

afterEach(async () => {
  cleanup()
  await preferColorScheme('light')
  document.documentElement.removeAttribute('data-kindling-theme')
})

function ThemedComposer({ theme }: { theme?: 'light' | 'dark' }) {
  return (
    <div data-testid="wrapper" data-kindling-theme={theme}>
      <Composer.Root value="" onChange={() => {}} onSubmit={() => {}}>
        <Composer.Input aria-label="Message" />
      </Composer.Root>
    </div>
  )
}

const background = (element: Element) => getComputedStyle(element).backgroundColor
const LIGHT_BG = 'rgb(255, 255, 255)'
const DARK_BG = 'rgb(22, 24, 29)'

describe('theme', () => {
  it('is light by default when the OS prefers light', async () => {
    await preferColorScheme('light')
    render(<ThemedComposer />)
    const root = screen.getByRole('textbox').closest('.kindling-composer') as Element
    expect(background(root)).toBe(LIGHT_BG)
  })

  it('follows an OS that prefers dark, unless a wrapper says light', async () => {
    await preferColorScheme('dark')
    render(
      <>
        <ThemedComposer />
        <ThemedComposer theme="light" />
      </>,
    )
    const [osDark, forcedLight] = screen
      .getAllByRole('textbox')
      .map((input) => input.closest('.kindling-composer') as Element)
    expect(background(osDark as Element)).toBe(DARK_BG)
    expect(background(forcedLight as Element)).toBe(LIGHT_BG)
  })

  it('is dark inside a data-kindling-theme="dark" wrapper, and on the whole page', () => {
    render(
      <>
        <ThemedComposer theme="dark" />
        <ThemedComposer />
      </>,
    )
    const [wrapped, plain] = screen
      .getAllByRole('textbox')
      .map((input) => input.closest('.kindling-composer') as Element)
    expect(background(wrapped as Element)).toBe(DARK_BG)
    expect(background(plain as Element)).toBe(LIGHT_BG)
    document.documentElement.setAttribute('data-kindling-theme', 'dark')
    expect(background(plain as Element)).toBe(DARK_BG)
  })
})
