import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, spyOn, userEvent, waitFor, within } from 'storybook/test'
import '../styles.css'
import { darkTheme, mobileWidth } from '../stories/decorators.tsx'
import { richReply } from '../stories/fixtures.ts'
import { useSimulatedStream } from '../stories/useSimulatedStream.ts'
import { Markdown } from './Markdown.tsx'

const meta = {
  title: 'Parts/Markdown',
  component: Markdown,
  args: { children: richReply },
  decorators: [(Story) => <div style={{ maxWidth: 720 }}>{Story()}</div>],
} satisfies Meta<typeof Markdown>
export default meta
type Story = StoryObj<typeof meta>

/** A typical reply: highlighted code (loaded lazily), lists, a table, a quote, a link. */
export const Rich: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('.hljs-keyword')).not.toBeNull(), {
      timeout: 10_000,
    })
    const link = within(canvasElement).getByRole('link', { name: 'MDN on Promises' })
    await expect(link).toHaveAttribute('rel', expect.stringContaining('noopener'))
  },
}

/** The copy button puts the code, without the fence, on the clipboard. */
export const CopyCode: Story = {
  args: { children: '```bash\npnpm add @kindling/ui\n```' },
  play: async ({ canvasElement }) => {
    const writeText = spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined)
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Copy code' }))
    await expect(writeText).toHaveBeenCalledWith('pnpm add @kindling/ui')
    await expect(await canvas.findByRole('button', { name: 'Copied' })).toBeInTheDocument()
    writeText.mockRestore()
  },
}

function StreamingMarkdown() {
  const { text, done } = useSimulatedStream(richReply, { chunk: 6, intervalMs: 16 })
  return (
    <div data-testid="stream" data-done={done}>
      <Markdown streaming={!done}>{text}</Markdown>
    </div>
  )
}

/** Arriving a few characters per frame: the open code fence renders as code; nothing jumps. */
export const Streaming: Story = {
  render: () => <StreamingMarkdown />,
  play: async ({ canvasElement }) => {
    const stream = within(canvasElement).getByTestId('stream')
    await waitFor(() => expect(stream).toHaveAttribute('data-done', 'true'), { timeout: 10_000 })
    await expect(stream.querySelectorAll('pre code')).toHaveLength(1)
  },
}

// A reply that writes a long file: each update re-renders and re-highlights only the code's last
// chunk of lines, however long the file has grown (issue 19).
const longFile = Array.from({ length: 400 }, (_, i) =>
  i % 10 === 0
    ? `/** Step ${i}: a comment\n    spanning lines. */`
    : `export const step${i} = compute(${i}, 'label ${i}')`,
).join('\n')
const longAnswer = `Here is the whole module, as asked:\n\n\`\`\`ts\n${longFile}\n\`\`\`\n\nEach step is exported on its own.`

function LongAnswerStream() {
  const { text, done } = useSimulatedStream(longAnswer, { chunk: 96, intervalMs: 16 })
  return (
    <div data-testid="stream" data-done={done}>
      <Markdown streaming={!done}>{text}</Markdown>
    </div>
  )
}

/** A long answer writing a 400-line file: the code grows in chunks of lines, highlighted as it comes. */
export const LongAnswer: Story = {
  render: () => <LongAnswerStream />,
  play: async ({ canvasElement }) => {
    const stream = within(canvasElement).getByTestId('stream')
    await waitFor(() => expect(stream).toHaveAttribute('data-done', 'true'), { timeout: 20_000 })
    const chunks = stream.querySelectorAll('.kindling-code-chunk')
    await expect(chunks.length).toBeGreaterThan(10)
    await waitFor(() => expect(chunks[0]?.querySelector('.hljs-comment')).not.toBeNull(), { timeout: 10_000 })
    await expect(stream.querySelector('code')?.textContent).toBe(longFile)
  },
}

const hostile = `Model output is untrusted. None of this may run:

<script>alert('script tag')</script>
<img src=x onerror="alert('onerror')">
<svg onload="alert('svg')"></svg>

[a javascript: link](javascript:alert('link')) · [a data: link](data:text/html,<script>alert(1)</script>) · [a vbscript: link](vbscript:msgbox)

![an image](https://example.com/tracker.png)

A safe link stays: [example.com](https://example.com).`

/** Raw HTML shows as text, unsafe links lose their href, images stay text unless allowed. */
export const UntrustedInput: Story = {
  args: { children: hostile },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('script, svg, img, iframe')).toBeNull()
    const links = within(canvasElement).getAllByRole('link')
    await expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://example.com'])
    await expect(canvasElement).toHaveTextContent("<script>alert('script tag')</script>")
    await expect(canvasElement).toHaveTextContent('[image: an image]')
  },
}

const steered = [
  'A reply steered by a prompt injection:',
  '',
  '[https://bank.example/login](https://evil.example/login) · [invoice\u202Efdp.exe](https://files.example/x) · [аpple.com](https://аpple.com)',
  '',
  `${'>'.repeat(3_000)} nested too deep to format`,
  '',
  `${'*a'.repeat(2_000)}`,
  '',
  'The rest of the reply is **formatted** as usual.',
].join('\n')

/**
 * Output built to hurt: link text naming another host (the real one follows), a bidi override,
 * a look-alike IDN host (shown in punycode), and blocks too deep or too slow to parse (plain text).
 */
export const HostileShapes: Story = {
  args: { children: steered },
  play: async ({ canvasElement }) => {
    const hosts = [...canvasElement.querySelectorAll('.kindling-markdown__link-host')].map(
      (h) => h.textContent,
    )
    await expect(hosts).toContain(' (evil.example)')
    await expect(hosts).toContain(' (xn--pple-43d.com)')
    await expect(canvasElement).toHaveTextContent('invoicefdp.exe')
    await expect(canvasElement.querySelectorAll('.kindling-markdown__plain')).toHaveLength(2)
    await expect(canvasElement.querySelector('strong')).toHaveTextContent('formatted')
  },
}

/** Code in an unknown language, or with none, stays plain text. */
export const PlainCode: Story = {
  args: { children: '```\nno language\n```\n\n```cobol\nDISPLAY "HELLO".\n```' },
}

/** Dark theme. */
export const Dark: Story = { decorators: [darkTheme] }

/** A phone's width: code and tables scroll sideways inside their own box. */
export const Mobile: Story = { decorators: [mobileWidth] }
