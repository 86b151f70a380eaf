import type { ContentPart } from '@kindling/client'
import { cleanup, render, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import '../styles.css'
import { makeImageFile, textFile } from '../__tests__/testImages.ts'
import type { AttachmentOptions } from './attachments/attachmentOptions.ts'
import type { SentAttachment } from './attachments/attachmentPart.ts'
import { Composer } from './Composer.tsx'

// The composer's attachments in real Chromium, with real File objects: the file picker (through
// CDP), paste and drop events carrying a DataTransfer, checks and rejections, and what is sent.

type Submit = (text: string, attachments: readonly SentAttachment[]) => void

function Harness({
  onSubmit,
  attachments = true,
}: {
  onSubmit: Submit
  attachments?: AttachmentOptions | boolean
}) {
  const [value, setValue] = useState('')
  return (
    <Composer.Root
      value={value}
      onChange={setValue}
      attachments={attachments}
      onSubmit={(text, sent) => {
        onSubmit(text, sent)
        setValue('')
      }}
    >
      <Composer.Attachments />
      <Composer.Input />
      <Composer.AttachButton />
      <Composer.Send />
    </Composer.Root>
  )
}

afterEach(cleanup)

const fileInput = (container: HTMLElement) =>
  container.querySelector('input[type="file"]') as HTMLInputElement

function transferOf(files: File[]): DataTransfer {
  const transfer = new DataTransfer()
  for (const file of files) transfer.items.add(file)
  return transfer
}

/** The bytes of a data URL's payload. */
function dataUrlBytes(url: string): Uint8Array {
  const binary = atob(url.slice(url.indexOf(',') + 1))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}

async function imageSizeOf(url: string): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(await (await fetch(url)).blob())
  const size = { width: bitmap.width, height: bitmap.height }
  bitmap.close()
  return size
}

describe('Composer attachments', () => {
  it('attaches through the file picker, previews each file, and sends text then the files as parts', async () => {
    const onSubmit = vi.fn<Submit>()
    const view = render(<Harness onSubmit={onSubmit} />)
    const photo = await makeImageFile('photo.png', 40, 30, 'image/png')
    const notes = textFile('notes.md', '# Notes\nbuy milk', 'text/markdown')
    await userEvent.upload(fileInput(view.container), [photo, notes])

    const list = await view.findByRole('list', { name: 'Attachments' })
    expect(view.getByRole('img', { name: 'photo.png' })).toHaveAttribute(
      'src',
      expect.stringMatching(/^blob:/),
    )
    expect(list).toHaveTextContent('notes.md')
    expect(view.getByRole('status')).toHaveTextContent('Attached photo.png')
    await waitFor(() => expect(list.querySelectorAll('[data-status="ready"]')).toHaveLength(2))

    await userEvent.click(view.getByRole('textbox', { name: 'Message' }))
    await userEvent.keyboard('What is this?{Enter}')
    await waitFor(() => expect(onSubmit).toHaveBeenCalledOnce())
    const [text, sent] = onSubmit.mock.calls[0] as Parameters<Submit>
    expect(text).toBe('What is this?')
    const image = sent[0]?.part as Extract<ContentPart, { type: 'image_url' }>
    expect(image.type).toBe('image_url')
    // A small image keeps its bytes exactly.
    expect(dataUrlBytes(image.image_url.url)).toEqual(new Uint8Array(await photo.arrayBuffer()))
    expect(sent[0]?.attachment).toMatchObject({ name: 'photo.png', type: 'image/png', width: 40, height: 30 })
    expect(sent[1]?.part).toEqual({
      type: 'text',
      text: '<file name="notes.md">\n# Notes\nbuy milk\n</file>',
    })
    // The draft is emptied after sending.
    await waitFor(() => expect(view.queryByRole('list', { name: 'Attachments' })).toBeNull())
  })

  it('attaches a pasted image without pasting text, and a dropped file', async () => {
    const onSubmit = vi.fn<Submit>()
    const view = render(<Harness onSubmit={onSubmit} />)
    const box = view.getByRole('textbox', { name: 'Message' })
    const pasted = await makeImageFile('pasted.jpg', 20, 20, 'image/jpeg')
    const pasteEvent = new ClipboardEvent('paste', {
      clipboardData: transferOf([pasted]),
      bubbles: true,
      cancelable: true,
    })
    box.dispatchEvent(pasteEvent)
    expect(pasteEvent.defaultPrevented).toBe(true)
    expect(await view.findByRole('img', { name: 'pasted.jpg' })).toBeVisible()

    const form = view.getByRole('form', { name: 'Send a message' })
    const dropped = textFile('data.csv', 'a,b\n1,2', 'text/csv')
    const transfer = transferOf([dropped])
    form.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    await waitFor(() => expect(form).toHaveAttribute('data-dragging'))
    const drop = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true })
    form.dispatchEvent(drop)
    expect(drop.defaultPrevented).toBe(true)
    await waitFor(() => expect(view.getByRole('list', { name: 'Attachments' })).toHaveTextContent('data.csv'))
    expect(form).not.toHaveAttribute('data-dragging')

    // Files alone can be sent.
    await userEvent.click(view.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalledOnce())
    const [text, sent] = onSubmit.mock.calls[0] as Parameters<Submit>
    expect(text).toBe('')
    expect(sent.map((item) => item.attachment.name)).toEqual(['pasted.jpg', 'data.csv'])
  })

  it('names each refused file and keeps the rest of the draft: too big, not an image, one too many', async () => {
    const onSubmit = vi.fn<Submit>()
    const view = render(<Harness onSubmit={onSubmit} attachments={{ maxFiles: 2, maxFileBytes: 50_000 }} />)
    await userEvent.click(view.getByRole('textbox', { name: 'Message' }))
    await userEvent.keyboard('Keep this text')

    const big = await makeImageFile('huge.png', 400, 400, 'image/png', 'noise')
    expect(big.size).toBeGreaterThan(50_000)
    await userEvent.upload(fileInput(view.container), [big])
    expect(await view.findByRole('alert')).toHaveTextContent(
      /huge\.png was not attached: it is \d+ KB, more than the 50 KB allowed/,
    )

    // Bytes that are not an image, under an image type: refused once read.
    await userEvent.upload(fileInput(view.container), [
      textFile('fake.png', 'definitely not a PNG', 'image/png'),
    ])
    await waitFor(() =>
      expect(view.getByRole('alert')).toHaveTextContent(
        'fake.png was not attached: its bytes are not a image/png image.',
      ),
    )
    expect(view.queryByRole('img', { name: 'fake.png' })).toBeNull()

    const files = [textFile('a.txt', 'a'), textFile('b.txt', 'b'), textFile('c.txt', 'c')]
    await userEvent.upload(fileInput(view.container), files)
    await waitFor(() =>
      expect(view.getByRole('alert')).toHaveTextContent(
        'c.txt was not attached: a message can carry at most 2 files.',
      ),
    )
    const list = view.getByRole('list', { name: 'Attachments' })
    expect(list).toHaveTextContent('a.txt')
    expect(list).toHaveTextContent('b.txt')
    expect(view.getByRole('textbox', { name: 'Message' })).toHaveValue('Keep this text')

    // A type that is not accepted, and an image for a model that reads none.
    view.rerender(<Harness onSubmit={onSubmit} attachments={{ acceptsImages: false }} />)
    await userEvent.click(view.getByRole('button', { name: 'Remove a.txt' }))
    expect(view.getByRole('status')).toHaveTextContent('Removed a.txt.')
    expect(view.getByRole('textbox', { name: 'Message' })).toHaveFocus()
    await userEvent.upload(fileInput(view.container), [
      new File(['%PDF-1.7'], 'report.pdf', { type: 'application/pdf' }),
      await makeImageFile('cat.png', 8, 8, 'image/png'),
    ])
    const alert = view.getByRole('alert')
    expect(alert).toHaveTextContent('report.pdf was not attached: application/pdf is not accepted here.')
    expect(alert).toHaveTextContent('cat.png was not attached: the current model does not read images.')
    expect(fileInput(view.container).accept).not.toMatch(/image\//)
    expect(onSubmit).not.toHaveBeenCalled()
  })

  it('downscales a large image to the longest side, keeping its type, and a noisy one to the byte budget', async () => {
    const onSubmit = vi.fn<Submit>()
    const view = render(
      <Harness onSubmit={onSubmit} attachments={{ maxImageSide: 800, maxImageBytes: 120_000 }} />,
    )
    const wide = await makeImageFile('wide.jpg', 2000, 1000, 'image/jpeg')
    const noisy = await makeImageFile('noisy.png', 600, 600, 'image/png', 'noise')
    expect(noisy.size).toBeGreaterThan(120_000)
    await userEvent.upload(fileInput(view.container), [wide, noisy])
    await userEvent.click(view.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalledOnce(), { timeout: 10_000 })
    const [, sent] = onSubmit.mock.calls[0] as Parameters<Submit>
    const [jpeg, png] = sent.map(
      (item) => (item.part as Extract<ContentPart, { type: 'image_url' }>).image_url.url,
    )
    expect(jpeg).toMatch(/^data:image\/jpeg;base64,/)
    expect(await imageSizeOf(jpeg as string)).toEqual({ width: 800, height: 400 })
    expect(png).toMatch(/^data:image\/png;base64,/)
    const pngBytes = dataUrlBytes(png as string).length
    expect(pngBytes).toBeLessThanOrEqual(120_000)
    const pngSize = await imageSizeOf(png as string)
    expect(pngSize.width).toBeLessThan(600)
    expect(pngSize.width).toBe(pngSize.height)
    expect(sent[1]?.attachment).toMatchObject({
      size: pngBytes,
      width: pngSize.width,
      height: pngSize.height,
    })
  })

  it('sends the URL an upload function returns, and keeps the draft when an upload fails', async () => {
    const onSubmit = vi.fn<Submit>()
    const upload = vi
      .fn<(file: File) => Promise<string>>()
      .mockRejectedValueOnce(new Error('storage is full'))
      .mockResolvedValueOnce('https://files.example/cat.png')
    const view = render(<Harness onSubmit={onSubmit} attachments={{ upload }} />)
    await userEvent.upload(fileInput(view.container), [await makeImageFile('cat.png', 8, 8, 'image/png')])
    await userEvent.click(view.getByRole('button', { name: 'Send' }))
    expect(await view.findByRole('alert')).toHaveTextContent('cat.png could not be uploaded: storage is full')
    expect(view.getByRole('img', { name: 'cat.png' })).toBeVisible()
    expect(onSubmit).not.toHaveBeenCalled()
    await userEvent.click(view.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalledOnce())
    expect(onSubmit.mock.calls[0]?.[1][0]?.part).toEqual({
      type: 'image_url',
      image_url: { url: 'https://files.example/cat.png' },
    })
    expect(upload.mock.calls[1]?.[0]).toMatchObject({ name: 'cat.png', type: 'image/png' })
  })
})
