import { cleanup, render } from '@testing-library/react'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { HOSTILE_RUNS, HOSTILE_SCALE } from '../__tests__/hostileConfig.ts'
import {
  autolinkLiterals,
  largeBlock,
  nestedContainers,
  nestedInline,
  plainWords,
  superLinear,
} from '../__tests__/hostilePayloads.ts'
import { Markdown } from '../Markdown/Markdown.tsx'
import type { MessageView } from '../Message/MessageView.ts'
import { MessageList } from '../MessageList/MessageList.tsx'

// The heavy variants of the hostile-input tests: bigger payloads, more of them, mixed into ordinary
// replies and streamed in. `pnpm test` runs a few; `pnpm test:stress` many more, at twice the sizes.

afterEach(cleanup)

const letters = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, '')

const hostileBlock = fc.oneof(
  nestedContainers(4_000 * HOSTILE_SCALE, 8_000 * HOSTILE_SCALE),
  nestedInline(4_000 * HOSTILE_SCALE, 8_000 * HOSTILE_SCALE),
  superLinear(12_000 * HOSTILE_SCALE, 48_000 * HOSTILE_SCALE),
  autolinkLiterals(12_000, 24_000 * HOSTILE_SCALE),
  largeBlock(100_000 * HOSTILE_SCALE, 110_000 * HOSTILE_SCALE),
)

/** A reply that mixes ordinary blocks with hostile ones. */
const mixedReply = fc
  .array(
    fc.oneof(
      plainWords.map((words) => `**${words}**`),
      hostileBlock,
    ),
    { minLength: 2, maxLength: 5 },
  )
  .map((blocks) => blocks.join('\n\n'))

describe('hostile markdown, heavy variants (real Chromium)', () => {
  it('renders mixed replies whole, in one piece', () => {
    fc.assert(
      fc.property(mixedReply, (text) => {
        const { container, unmount } = render(<Markdown>{text}</Markdown>)
        expect(letters(container.textContent ?? '').length).toBeGreaterThanOrEqual(
          Math.floor(letters(text).length * 0.99),
        )
        unmount()
      }),
      { numRuns: HOSTILE_RUNS },
    )
  })

  it('streams hostile replies in without throwing, and ends showing them whole', () => {
    fc.assert(
      fc.property(hostileBlock, fc.integer({ min: 10, max: 60 }), (text, pieces) => {
        const chunk = Math.ceil(text.length / pieces)
        const { container, rerender, unmount } = render(<Markdown streaming>{''}</Markdown>)
        for (let end = chunk; end < text.length; end += chunk) {
          rerender(<Markdown streaming>{text.slice(0, end)}</Markdown>)
        }
        rerender(<Markdown>{text}</Markdown>)
        expect(container.querySelector('.kindling-markdown__plain')?.textContent ?? text).toBe(text)
        unmount()
      }),
      { numRuns: HOSTILE_RUNS },
    )
  })

  it('keeps a conversation full of hostile replies on screen', () => {
    const replies = fc.sample(hostileBlock, HOSTILE_RUNS * 4)
    const messages: MessageView[] = replies.map((content, i) => ({
      id: `m${i}`,
      role: i % 5 === 4 ? '__proto__' : 'assistant',
      content,
      status: 'done',
    }))
    const { container } = render(
      <div style={{ height: 600, display: 'flex', flexDirection: 'column' }}>
        <MessageList messages={messages} />
      </div>,
    )
    expect(container.querySelectorAll('article')).toHaveLength(messages.length)
    expect(container.querySelector('.kindling-message--unrendered')).toBeNull()
  })
})
