import { createClient } from '@kindling/client'
import { KindlingProvider, useThreads } from '@kindling/react'
import { createIndexedDbAdapter, createThreadStore, type ThreadStore } from '@kindling/react/core'
import { cleanup, render, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import '../styles.css'
import { makeImageFile, textFile } from '../__tests__/testImages.ts'
import { Chat } from './Chat.tsx'

// Attachments end to end in Chromium: the composer prepares the files, the chat sends them to the
// embedded server's kindling-vision model (same origin, /v1), whose answer reads the image headers
// of what actually arrived; the thread is saved in real IndexedDB and read back by a new store.

const client = createClient({ baseURL: '/v1', apiKey: null, logLevel: 'off', maxRetries: 0 })
let databases = 0
const freshName = () => `kindling-ui-attachments-${Date.now()}-${++databases}`

afterEach(cleanup)

const fileInput = (container: HTMLElement) =>
  container.querySelector('input[type="file"]') as HTMLInputElement

async function lastAnswer(container: HTMLElement): Promise<string> {
  let text = ''
  await waitFor(
    () => {
      const answers = container.querySelectorAll('article[data-role="assistant"]')
      const last = answers[answers.length - 1]
      expect(last).toHaveAttribute('data-status', 'done')
      text = last?.textContent ?? ''
    },
    { timeout: 15_000 },
  )
  return text
}

function ActiveChat() {
  const { activeId } = useThreads()
  return activeId ? (
    <Chat threadId={activeId} model="kindling-vision" showModelPicker={false} attachments />
  ) : null
}

const app = (threads: ThreadStore) => (
  <KindlingProvider client={client} threads={threads}>
    <div style={{ height: 700, display: 'flex', flexDirection: 'column' }}>
      <ActiveChat />
    </div>
  </KindlingProvider>
)

describe('Chat with attachments', () => {
  it('sends a 12-megapixel photo downscaled to 2048 px, and the vision model reports what arrived', async () => {
    const view = render(<Chat client={client} model="kindling-vision" showModelPicker={false} attachments />)
    const photo = await makeImageFile('holiday.jpg', 4000, 3000, 'image/jpeg')
    const small = await makeImageFile('icon.png', 64, 48, 'image/png')
    await userEvent.upload(fileInput(view.container), [photo, small])
    await userEvent.click(view.getByRole('textbox', { name: 'Message' }))
    await userEvent.keyboard('What do you see?{Enter}')
    const answer = await lastAnswer(view.container)
    expect(answer).toContain('I see 2 images.')
    const jpeg = /Image 1: image\/jpeg, 2048x1536 pixels, (\d+) bytes\./.exec(answer)
    expect(jpeg, answer).not.toBeNull()
    expect(Number(jpeg?.[1])).toBeLessThanOrEqual(1_500_000)
    // The small PNG went as it was picked, byte for byte.
    expect(answer).toContain(`Image 2: image/png, 64x48 pixels, ${small.size} bytes.`)
    expect(answer).toContain('Your text: What do you see?')

    // The user's bubble shows the images it sent, by name, loaded without a referrer.
    const bubble = view.container.querySelector('article[data-role="user"]') as HTMLElement
    const shown = bubble.querySelector('img[alt="holiday.jpg"]') as HTMLImageElement
    expect(shown.src).toMatch(/^data:image\/jpeg;base64,/)
    expect(shown.referrerPolicy).toBe('no-referrer')
    expect(shown.title).toContain('2048×1536')
    expect(bubble.querySelector('img[alt="icon.png"]')).not.toBeNull()
    expect(bubble).toHaveTextContent('What do you see?')
  })

  it('refuses an image for a model the server lists without image input, keeping the text', async () => {
    const view = render(<Chat client={client} model="kindling-text" showModelPicker={false} attachments />)
    // The picker stops offering images once the model list says the model reads none.
    await waitFor(() => expect(fileInput(view.container).accept).not.toMatch(/image\//))
    await userEvent.click(view.getByRole('textbox', { name: 'Message' }))
    await userEvent.keyboard('Look at this')
    await userEvent.upload(fileInput(view.container), [await makeImageFile('cat.png', 8, 8, 'image/png')])
    expect(view.getByRole('alert')).toHaveTextContent(
      'cat.png was not attached: the current model does not read images. Pick a vision model to send images.',
    )
    expect(view.getByRole('textbox', { name: 'Message' })).toHaveValue('Look at this')
    expect(view.container.querySelector('article')).toBeNull()
  })

  it('keeps attached images and files in the saved thread across a reload (real IndexedDB)', async () => {
    const name = freshName()
    const first = createThreadStore({ adapter: createIndexedDbAdapter({ name }) })
    await first.ready
    const id = first.create()
    const view = render(app(first))
    const photo = await makeImageFile('saved.webp', 300, 200, 'image/webp')
    await waitFor(() => expect(fileInput(view.container)).not.toBeNull())
    await userEvent.upload(fileInput(view.container), [photo, textFile('todo.txt', 'water the plants')])
    await userEvent.click(view.getByRole('textbox', { name: 'Message' }))
    await userEvent.keyboard('Remember these{Enter}')
    expect(await lastAnswer(view.container)).toContain('Image 1: image/webp, 300x200 pixels')
    // Saved when the answer settled.
    await new Promise((resolve) => setTimeout(resolve, 100))
    view.unmount()

    const reloaded = createThreadStore({ adapter: createIndexedDbAdapter({ name }) })
    await reloaded.ready
    expect(reloaded.store.getState().threads.map((thread) => thread.id)).toEqual([id])
    await reloaded.open(id)
    const again = render(app(reloaded))
    const image = (await waitFor(() => {
      const found = again.container.querySelector('article[data-role="user"] img[alt="saved.webp"]')
      expect(found).not.toBeNull()
      return found
    })) as HTMLImageElement
    expect(image.src).toMatch(/^data:image\/webp;base64,/)
    await waitFor(() => expect(image.naturalWidth).toBe(300))
    const bubble = again.container.querySelector('article[data-role="user"]') as HTMLElement
    expect(bubble).toHaveTextContent('todo.txt')
    expect(bubble).toHaveTextContent('Remember these')
    // Asking again after the reload still sends the image (the parts were kept, not only shown).
    await userEvent.click(again.getByRole('button', { name: 'Regenerate' }))
    await waitFor(() =>
      expect(again.container.querySelectorAll('article[data-role="assistant"]')).toHaveLength(1),
    )
    expect(await lastAnswer(again.container)).toContain('Image 1: image/webp, 300x200 pixels')
  })
})
