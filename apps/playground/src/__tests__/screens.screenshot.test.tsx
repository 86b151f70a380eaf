import '@kindling/ui/styles.css'
import '../playground.css'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import {
  prepareScreen,
  type ScreenVariant,
  screenshotName,
  settle,
  VARIANTS,
} from '../../../../scripts/screenshotPage.ts'
import { App } from '../App.tsx'
import { fakeWeather } from '../demoTools/fakeWeather.ts'
import { DEFAULT_SETTINGS, useSettings } from '../settingsStore.ts'

// The playground's main screens in Chromium at 1280×800 and 390×844, light and dark, against the
// embedded server the browser project serves under /v1, compared with the baselines committed in
// apps/playground/screenshots/. Answers come from the deterministic built-in models; the usage
// badge's timings and the test server's port are not deterministic, so screenshots hide them
// (their layout stays).

const HIDE_TIMINGS = '.kindling-usage, .playground-endpoint code { visibility: hidden !important; }'

// Each screen starts with no conversations: the playground keeps them in this IndexedDB database.
// Its stores are emptied rather than the database deleted: the previous screen's app still holds a
// connection, which a deletion would wait for (and every later open behind it).
async function clearConversations(): Promise<void> {
  const name = 'kindling-playground'
  if (!(await indexedDB.databases()).some((database) => database.name === name)) return
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  const names = [...db.objectStoreNames]
  if (names.length > 0) {
    const transaction = db.transaction(names, 'readwrite')
    for (const store of names) transaction.objectStore(store).clear()
    await new Promise((resolve) => {
      transaction.oncomplete = resolve
      transaction.onerror = resolve
    })
  }
  db.close()
}

beforeEach(async () => {
  localStorage.clear()
  await clearConversations()
  useSettings.setState(DEFAULT_SETTINGS)
  const style = document.createElement('style')
  style.id = 'hide-timings'
  style.textContent = HIDE_TIMINGS
  document.head.append(style)
})

afterEach(() => {
  cleanup()
  document.getElementById('hide-timings')?.remove()
  document.documentElement.removeAttribute('data-kindling-theme')
})

async function show(variant: ScreenVariant) {
  await prepareScreen(variant)
  render(<App />)
  await waitFor(() => expect(screen.getByRole('combobox', { name: 'Model' })).toBeEnabled(), {
    timeout: 10_000,
  })
}

async function send(text: string) {
  await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), text)
  await userEvent.keyboard('{Enter}')
  await waitFor(
    () => {
      const replies = document.querySelectorAll('article[data-role="assistant"]')
      expect(replies[replies.length - 1]?.getAttribute('data-status')).toBe('done')
    },
    { timeout: 10_000 },
  )
}

/** A 320×200 PNG drawn in the page: a sky gradient, a sun and the sea. */
async function sunsetPhoto(): Promise<File> {
  const canvas = new OffscreenCanvas(320, 200)
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D
  const sky = context.createLinearGradient(0, 0, 0, 140)
  sky.addColorStop(0, '#f97316')
  sky.addColorStop(1, '#6366f1')
  context.fillStyle = sky
  context.fillRect(0, 0, 320, 140)
  context.fillStyle = '#fde047'
  context.beginPath()
  context.arc(210, 120, 34, 0, Math.PI * 2)
  context.fill()
  context.fillStyle = '#1e3a8a'
  context.fillRect(0, 140, 320, 60)
  const blob = await canvas.convertToBlob({ type: 'image/png' })
  return new File([blob], 'sunset.png', { type: 'image/png' })
}

async function expectScreen(name: string, variant: ScreenVariant) {
  await settle()
  const app = document.querySelector('.playground') as HTMLElement
  // Focus rings depend on how the test moved focus: not part of the look being compared.
  ;(document.activeElement as HTMLElement | null)?.blur()
  await expect.element(app).toMatchScreenshot(screenshotName(`playground-${name}`, variant))
}

describe('playground screens', () => {
  it.each(VARIANTS)('chat, empty ($viewport, $theme)', async (variant) => {
    await show(variant)
    await expectScreen('chat-empty', variant)
  })

  it.each(VARIANTS)('chat, a conversation ($viewport, $theme)', async (variant) => {
    await show(variant)
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'kindling-echo')
    await send('Hello! What can Kindling do for my app?')
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'kindling-text')
    await send('Tell me a short story about a lighthouse.')
    await expectScreen('chat-conversation', variant)
  })

  it.each(VARIANTS)('chat, a photo sent to kindling-vision ($viewport, $theme)', async (variant) => {
    await show(variant)
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'kindling-vision')
    const input = document.querySelector('.kindling-composer input[type="file"]') as HTMLInputElement
    await userEvent.upload(input, [await sunsetPhoto()])
    await waitFor(() =>
      expect(document.querySelector('.kindling-composer__attachment[data-status="ready"]')).not.toBeNull(),
    )
    await send('What is in this photo?')
    expect(document.querySelector('article[data-role="assistant"]')).toHaveTextContent(
      'Image 1: image/png, 320x200 pixels',
    )
    await expectScreen('chat-vision', variant)
  })

  it.each(VARIANTS)('parameters and settings ($viewport, $theme)', async (variant) => {
    await show(variant)
    if (variant.viewport === 'mobile') {
      await userEvent.click(screen.getByRole('button', { name: 'Parameters' }))
      await screen.findByRole('dialog', { name: 'Parameters' })
      await expectScreen('parameters', variant)
      await userEvent.keyboard('{Escape}')
    }
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }))
    await screen.findByRole('dialog', { name: 'Settings' })
    await expectScreen('settings', variant)
  })

  it.each(VARIANTS)('completion ($viewport, $theme)', async (variant) => {
    await show(variant)
    await userEvent.click(screen.getByRole('tab', { name: 'Completion' }))
    await userEvent.fill(screen.getByRole('textbox', { name: 'Prompt' }), 'Once upon a time')
    await userEvent.click(screen.getByRole('button', { name: 'Complete' }))
    await waitFor(
      () =>
        expect(document.querySelector('.kindling-completion__output')?.getAttribute('data-status')).toBe(
          'done',
        ),
      { timeout: 10_000 },
    )
    await expectScreen('completion', variant)
  })

  it.each(VARIANTS)('server unreachable ($viewport, $theme)', async (variant) => {
    useSettings.setState({ baseURL: 'http://127.0.0.1:9/v1' })
    await prepareScreen(variant)
    render(<App />)
    await screen.findByRole('alert', {}, { timeout: 15_000 })
    // One failure, one message: the banner's Try again is the only way to ask again.
    expect(screen.getAllByRole('button', { name: /retry|try again|regenerate/i })).toHaveLength(1)
    await expectScreen('unreachable', variant)
  })
})

describe('playground demo tools', () => {
  async function showWithTools(variant: ScreenVariant) {
    useSettings.setState({
      model: 'kindling-tools',
      tools: ['get_current_time', 'get_weather', 'send_email'],
    })
    await show(variant)
  }

  it('switches demo tools on in Settings, kept with the other settings', async () => {
    await show({ viewport: 'desktop', theme: 'light' })
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }))
    const settings = await screen.findByRole('dialog', { name: 'Settings' })
    const tools = within(settings).getByRole('group', { name: 'Demo tools' })
    await userEvent.click(within(tools).getByRole('checkbox', { name: /Send email/ }))
    await userEvent.click(within(tools).getByRole('checkbox', { name: /Weather/ }))
    await userEvent.click(within(settings).getByRole('button', { name: 'Save' }))
    // In the panel's order, not the order they were clicked in; and in localStorage.
    expect(useSettings.getState().tools).toEqual(['get_weather', 'send_email'])
    const stored = JSON.parse(localStorage.getItem('kindling-playground-settings') ?? '{}')
    expect(stored.state.tools).toEqual(['get_weather', 'send_email'])
  })

  it.each(VARIANTS)(
    "runs kindling-tools' call and answers with its result ($viewport, $theme)",
    async (variant) => {
      await showWithTools(variant)
      await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), 'What is the weather in Lisbon?')
      await userEvent.keyboard('{Enter}')
      const weather = fakeWeather('Lisbon')
      // The call's answer, then the follow-up that read its result.
      await waitFor(
        () => {
          const reply = [...document.querySelectorAll('article[data-role="assistant"]')].at(-1)
          expect(reply?.getAttribute('data-status')).toBe('done')
          expect(reply?.textContent).toContain(
            `get_weather returned {"city":"Lisbon","temperature_c":${weather.temperature_c},`,
          )
        },
        { timeout: 10_000 },
      )
      // The tool ran in the page, and its renderer drew the result as a card.
      const call = screen.getByRole('group', { name: 'Tool get_weather: Done' })
      expect(call.querySelector('.playground-weather')?.textContent).toContain(`${weather.temperature_c}°C`)
      await expectScreen('chat-tools', variant)
    },
  )

  it.each(VARIANTS)(
    'asks before the email tool runs: Approve and Deny ($viewport, $theme)',
    async (variant) => {
      await showWithTools(variant)
      await userEvent.fill(
        screen.getByRole('textbox', { name: 'Message' }),
        'Email Ana the notes from today.',
      )
      await userEvent.keyboard('{Enter}')
      const call = await screen.findByRole(
        'group',
        { name: 'Tool send_email: Needs your approval' },
        { timeout: 10_000 },
      )
      expect(within(call).getByRole('button', { name: 'Approve' })).toBeTruthy()
      expect(within(call).getByRole('button', { name: 'Deny' })).toBeTruthy()
      await expectScreen('chat-tool-approval', variant)
      // Every variant ends its turn: a call left waiting would be ended by the unmount and saved
      // after the next screen emptied the database, and that screen would open it.
      const approve = variant.viewport === 'desktop' && variant.theme === 'light'
      await userEvent.click(within(call).getByRole('button', { name: approve ? 'Approve' : 'Deny' }))
      await waitFor(
        () => {
          const reply = [...document.querySelectorAll('article[data-role="assistant"]')].at(-1)
          expect(reply?.textContent).toContain(
            approve
              ? 'send_email returned {"sent":false,"pretended":true'
              : 'send_email failed: Denied by the user.',
          )
          expect(reply?.getAttribute('data-status')).toBe('done')
        },
        { timeout: 10_000 },
      )
    },
  )
})
