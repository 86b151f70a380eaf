import { expect, userEvent, waitFor } from 'storybook/test'

/** Generous: live streams on a loaded machine. */
export const STREAM_TIMEOUT = 20_000

/** The last assistant message of a story's chat. */
export function lastReply(root: HTMLElement): HTMLElement | undefined {
  return [...root.querySelectorAll<HTMLElement>('article[data-role="assistant"]')].at(-1)
}

/** Whether the story runs on the recorded replay (no server), where texts do not follow the input. */
export function isReplay(root: HTMLElement): boolean {
  return root.querySelector('[data-live-mode="replay"]') !== null
}

/**
 * Under Vitest (the storybook project) the embedded server must answer: a story that fell back to
 * the replay there would test nothing live.
 */
export async function expectLiveUnderTest(root: HTMLElement): Promise<void> {
  if (import.meta.env.MODE === 'test') await expect(isReplay(root)).toBe(false)
}

/** Waits until the last reply has the status (`done`, `stopped`, `error`, `streaming`). */
export async function waitForReplyStatus(root: HTMLElement, status: string): Promise<HTMLElement> {
  await waitFor(() => expect(lastReply(root)?.dataset.status).toBe(status), { timeout: STREAM_TIMEOUT })
  return lastReply(root) as HTMLElement
}

/** Waits until the last reply is streaming and shows some text: a reply arriving token by token. */
export async function waitForStreamingText(root: HTMLElement): Promise<string> {
  let text = ''
  await waitFor(
    () => {
      const reply = lastReply(root)
      expect(reply?.dataset.status).toBe('streaming')
      text = reply?.querySelector('.kindling-message__content')?.textContent?.trim() ?? ''
      expect(text).not.toBe('')
    },
    { timeout: STREAM_TIMEOUT, interval: 20 },
  )
  return text
}

/** Presses Tab (or Shift+Tab) until `matches(document.activeElement)`, at most `limit` times. */
export async function tabUntil(
  matches: (element: Element | null) => boolean,
  { backwards = false, limit = 40 } = {},
): Promise<void> {
  for (let step = 0; step < limit && !matches(document.activeElement); step++) {
    await userEvent.tab({ shift: backwards })
  }
  await expect(matches(document.activeElement)).toBe(true)
}

/** An element is a button with this accessible name (its `aria-label`, else its text). */
export const isButton =
  (name: string) =>
  (element: Element | null): boolean =>
    element instanceof HTMLButtonElement &&
    (element.getAttribute('aria-label') ?? element.textContent?.trim()) === name
