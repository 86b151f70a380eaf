import { KindlingProvider, useThreads } from '@kindling/react'
import { createMemoryAdapter, createThreadStore, type ThreadStore } from '@kindling/react/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import '../styles.css'
import { Chat } from '../Chat/Chat.tsx'
import { LiveKindling } from '../stories/live/LiveKindling.tsx'
import { expectLiveUnderTest, STREAM_TIMEOUT, waitForReplyStatus } from '../stories/live/play.ts'
import { ThreadSidebar } from './ThreadList.tsx'
import { ThreadListView } from './ThreadListView.tsx'

function ActiveChat() {
  const { activeId } = useThreads()
  return activeId ? (
    <Chat threadId={activeId} model="kindling-echo" showModelPicker={false} />
  ) : (
    <p style={{ margin: 'auto' }}>Start a new chat.</p>
  )
}

/** Threads kept in memory for the story (an app passes `createIndexedDbAdapter()`), live server. */
function LiveThreads() {
  const [threads] = useState<ThreadStore>(() => createThreadStore({ adapter: createMemoryAdapter() }))
  return (
    <LiveKindling provider={false} clientOptions={{ headers: { 'x-kindling-delay': '5' } }}>
      {(client) => (
        <KindlingProvider client={client} threads={threads}>
          <div style={{ height: 560, display: 'flex' }}>
            <ThreadSidebar />
            <div style={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
              <ActiveChat />
            </div>
          </div>
        </KindlingProvider>
      )}
    </LiveKindling>
  )
}

const meta = {
  title: 'Chat/ThreadList',
  component: LiveThreads,
} satisfies Meta<typeof LiveThreads>
export default meta
type Story = StoryObj<typeof meta>

/** A sidebar of conversations next to the chat: new chat, send, the title comes from the first message. */
export const Sidebar: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const list = within(
      await canvas.findByRole('navigation', { name: 'Conversations' }, { timeout: STREAM_TIMEOUT }),
    )
    await expectLiveUnderTest(canvasElement)
    await userEvent.click(list.getByRole('button', { name: 'New chat' }))
    await userEvent.click(canvas.getByRole('textbox', { name: 'Message' }))
    await userEvent.keyboard('Plan a picnic{Enter}')
    await waitForReplyStatus(canvasElement, 'done')
    await waitFor(() =>
      expect(list.getByRole('button', { name: 'Plan a picnic' })).toHaveAttribute('aria-current', 'page'),
    )
    await userEvent.click(list.getByRole('button', { name: 'New chat' }))
    await expect(list.getByRole('button', { name: 'Untitled' })).toHaveAttribute('aria-current', 'page')
    await userEvent.click(list.getByRole('button', { name: 'Plan a picnic' }))
    await waitFor(() =>
      expect(canvasElement.querySelector('article[data-role="user"]')).toHaveTextContent('Plan a picnic'),
    )
  },
}

const now = Date.now()
const sample = Array.from({ length: 12 }, (_, index) => ({
  id: `t${index}`,
  title: ['Trip to Lisbon', 'Sourdough starter', 'Quarterly report', 'Bike repair'][index % 4] ?? '',
  createdAt: now - index * 3_600_000,
  updatedAt: now - index * 3_600_000,
  archived: index >= 10,
}))

/** The list alone, over fixed data: search filters by title; archived threads sit behind "Archived". */
export const ListOnly: Story = {
  render: () => {
    const [active, setActive] = useState('t0')
    return (
      <div style={{ width: 280 }}>
        <ThreadListView
          threads={sample}
          activeId={active}
          onSelect={setActive}
          onCreate={() => {}}
          onRename={() => {}}
          onDelete={() => {}}
          onArchive={() => {}}
        />
      </div>
    )
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getAllByRole('listitem')).toHaveLength(10)
    await userEvent.type(canvas.getByRole('searchbox'), 'lisbon')
    await expect(canvas.getAllByRole('listitem')).toHaveLength(3)
    await userEvent.clear(canvas.getByRole('searchbox'))
    await userEvent.click(canvas.getByRole('button', { name: 'Archived' }))
    await expect(canvas.getAllByRole('listitem')).toHaveLength(2)
  },
}

const many = Array.from({ length: 120 }, (_, index) => ({
  id: `m${index}`,
  title: `${['Trip to Lisbon', 'Sourdough starter', 'Quarterly report', 'Bike repair'][index % 4]} ${120 - index}`,
  createdAt: now - index * 3_600_000,
  updatedAt: now - index * 3_600_000,
  archived: false,
}))

/**
 * A long list in a sidebar-high box: the rows a sidebar shows first, more each time the end of the
 * list scrolls into view ("Show more" does the same from the keyboard).
 */
export const LongList: Story = {
  render: () => {
    const [active, setActive] = useState('m0')
    return (
      <div style={{ width: 280, height: 480, overflowY: 'auto' }} data-testid="sidebar">
        <ThreadListView
          threads={many}
          activeId={active}
          onSelect={setActive}
          onCreate={() => {}}
          onRename={() => {}}
          onDelete={() => {}}
        />
      </div>
    )
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const first = canvas.getAllByRole('listitem').length
    await expect(first).toBeLessThan(120)
    await expect(canvas.getByRole('button', { name: `Show more (${120 - first})` })).toBeInTheDocument()
    const sidebar = canvas.getByTestId('sidebar')
    await waitFor(
      () => {
        sidebar.scrollTop = sidebar.scrollHeight
        expect(canvas.getAllByRole('listitem')).toHaveLength(120)
      },
      { timeout: STREAM_TIMEOUT },
    )
    await expect(canvas.queryByRole('button', { name: /Show more/ })).toBeNull()
  },
}
