import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useRef, useState } from 'react'
import { expect, fireEvent, fn, userEvent, waitFor, within } from 'storybook/test'
import '../styles.css'
import { fileFromDataUrl, leafPng, notesFile, sunsetPng } from '../stories/attachmentFixtures.ts'
import { darkTheme, mobileWidth } from '../stories/decorators.tsx'
import { Composer, type ComposerRootProps } from './Composer.tsx'
import { useComposer } from './ComposerContext.ts'

type DemoProps = Omit<ComposerRootProps, 'value' | 'onChange' | 'children'> & {
  initialValue?: string
  /** Files put in the draft when the story mounts (as if dropped). */
  initialFiles?: () => File[]
}

/** Adds the story's files to the draft once, as a drop would. */
function InitialFiles({ files }: { files: (() => File[]) | undefined }) {
  const { attachments } = useComposer()
  const added = useRef(false)
  useEffect(() => {
    if (added.current || !files || !attachments) return
    added.current = true
    attachments.add(files())
  }, [attachments, files])
  return null
}

/** A composer holding its own text, clearing it on send, as an app would. */
function ComposerDemo({ initialValue = '', initialFiles, onSubmit, ...props }: DemoProps) {
  const [value, setValue] = useState(initialValue)
  return (
    <Composer.Root
      {...props}
      value={value}
      onChange={setValue}
      onSubmit={(text, attachments) => {
        onSubmit(text, attachments)
        setValue('')
      }}
    >
      <InitialFiles files={initialFiles} />
      <Composer.Attachments />
      <Composer.Input />
      <Composer.AttachButton />
      <Composer.Send />
      <Composer.Stop />
    </Composer.Root>
  )
}

const meta = {
  title: 'Components/Composer',
  component: ComposerDemo,
  args: { onSubmit: fn(), onStop: fn() },
  decorators: [(Story) => <div style={{ maxWidth: 640 }}>{Story()}</div>],
} satisfies Meta<typeof ComposerDemo>
export default meta
type Story = StoryObj<typeof meta>

const input = (canvasElement: HTMLElement) => within(canvasElement).getByRole('textbox', { name: 'Message' })

/** Empty and ready: Send is disabled until there is text. Enter sends. */
export const EnterSends: Story = {
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled()
    await userEvent.type(input(canvasElement), 'Hello there{Enter}')
    await expect(args.onSubmit).toHaveBeenCalledWith('Hello there', [])
    await expect(input(canvasElement)).toHaveValue('')
  },
}

/** Shift+Enter adds a line (and the box grows); whitespace alone is never sent. */
export const ShiftEnterNewline: Story = {
  play: async ({ args, canvasElement }) => {
    const box = input(canvasElement)
    const oneLine = box.getBoundingClientRect().height
    await userEvent.type(box, '   {Enter}')
    await expect(args.onSubmit).not.toHaveBeenCalled()
    await userEvent.clear(box)
    await userEvent.type(box, 'line 1{Shift>}{Enter}{/Shift}line 2{Shift>}{Enter}{/Shift}line 3')
    await expect(box).toHaveValue('line 1\nline 2\nline 3')
    await expect(args.onSubmit).not.toHaveBeenCalled()
    await expect(box.getBoundingClientRect().height).toBeGreaterThan(oneLine)
  },
}

/**
 * Enter during IME composition (Japanese, Chinese, Korean input) commits the composition and never
 * sends, including Safari's late Enter (keyCode 229 after compositionend).
 */
export const ImeCompositionDoesNotSend: Story = {
  args: { initialValue: 'にほん' },
  play: async ({ args, canvasElement }) => {
    const box = input(canvasElement)
    box.focus()
    fireEvent.compositionStart(box)
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true })
    await expect(args.onSubmit).not.toHaveBeenCalled()
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13, isComposing: true })
    await expect(args.onSubmit).not.toHaveBeenCalled()
    fireEvent.compositionEnd(box)
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 229 })
    await expect(args.onSubmit).not.toHaveBeenCalled()
    // A plain Enter afterwards sends.
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 })
    await expect(args.onSubmit).toHaveBeenCalledWith('にほん', [])
  },
}

/** While a reply streams: Stop replaces Send, and Enter does not send. */
export const Streaming: Story = {
  args: { status: 'streaming', initialValue: 'Next question' },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.queryByRole('button', { name: 'Send' })).toBeNull()
    await userEvent.type(input(canvasElement), '{Enter}')
    await expect(args.onSubmit).not.toHaveBeenCalled()
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }))
    await expect(args.onStop).toHaveBeenCalledTimes(1)
  },
}

/** Disabled (e.g. no model chosen yet). */
export const Disabled: Story = {
  args: { disabled: true, initialValue: 'Cannot send this' },
  play: async ({ canvasElement }) => {
    await expect(input(canvasElement)).toBeDisabled()
    await expect(within(canvasElement).getByRole('button', { name: 'Send' })).toBeDisabled()
  },
}

/** The last send failed: the error is shown, announced, and tied to the input. */
export const ErrorState: Story = {
  args: { status: 'error', error: 'Could not reach the server. Check your connection and try again.' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('alert')).toHaveTextContent('Could not reach the server')
    await expect(input(canvasElement)).toHaveAccessibleDescription(/Could not reach the server/)
  },
}

/** Keyboard only: Tab into the input, type, Tab to Send, press Enter. */
export const KeyboardOnly: Story = {
  play: async ({ args, canvasElement }) => {
    await userEvent.tab()
    await expect(input(canvasElement)).toHaveFocus()
    await userEvent.keyboard('Typed without a mouse')
    await userEvent.tab()
    await expect(within(canvasElement).getByRole('button', { name: 'Send' })).toHaveFocus()
    await userEvent.keyboard('{Enter}')
    await expect(args.onSubmit).toHaveBeenCalledWith('Typed without a mouse', [])
  },
}

/** Dark theme, streaming. */
export const Dark: Story = { args: { status: 'streaming' }, decorators: [darkTheme] }

/** A phone's width. */
export const Mobile: Story = {
  args: { initialValue: 'A long message that wraps onto several lines at a phone width' },
  decorators: [mobileWidth],
}

const draftFiles = () => [
  fileFromDataUrl(sunsetPng, 'sunset.png'),
  notesFile(),
  fileFromDataUrl(leafPng, 'leaf-with-a-rather-long-file-name.png'),
]

/**
 * Attachments: a paperclip button (or paste, or drop) adds files; images show a thumbnail, text
 * files their name and size; each has a remove button, and a live region says what changed.
 */
export const WithAttachments: Story = {
  args: { attachments: true, initialValue: 'What do these have in common?', initialFiles: draftFiles },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement)
    const list = await canvas.findByRole('list', { name: 'Attachments' })
    await expect(within(list).getByRole('img', { name: 'sunset.png' })).toBeVisible()
    await expect(list).toHaveTextContent('trip-notes.md')
    await userEvent.click(canvas.getByRole('button', { name: 'Remove trip-notes.md' }))
    await expect(canvas.getByRole('status')).toHaveTextContent('Removed trip-notes.md.')
    await expect(list).not.toHaveTextContent('trip-notes.md')
    await expect(canvas.getByRole('button', { name: 'Attach files' })).toBeEnabled()
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(args.onSubmit).toHaveBeenCalledOnce())
  },
}

/** Files the composer refuses are named, with the reason; the rest of the draft stays. */
export const AttachmentRefused: Story = {
  args: {
    attachments: { maxFiles: 2, acceptsImages: false },
    initialValue: 'Here are my notes',
    initialFiles: () => [
      notesFile(),
      fileFromDataUrl(sunsetPng, 'sunset.png'),
      new File(['x'], 'budget.xlsx'),
    ],
  },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert')
    await expect(alert).toHaveTextContent(
      'sunset.png was not attached: the current model does not read images.',
    )
    await expect(alert).toHaveTextContent('budget.xlsx was not attached')
  },
}

/** Attachments in the dark theme at a phone's width. */
export const AttachmentsDarkMobile: Story = {
  args: { attachments: true, initialFiles: draftFiles },
  decorators: [darkTheme, mobileWidth],
}
