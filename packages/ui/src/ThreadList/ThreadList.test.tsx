import { createClient } from '@kindling/client'
import { KindlingProvider, useThreads } from '@kindling/react'
import { createIndexedDbAdapter, createThreadStore, type ThreadStore } from '@kindling/react/core'
import { cleanup, render, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import '../styles.css'
import { Chat } from '../Chat/Chat.tsx'
import { ThreadSidebar } from './ThreadList.tsx'

// Real IndexedDB and the embedded server (/v1) in Chromium. A "reload" unmounts the app and mounts
// a new one with a new thread store over the same database.

const client = createClient({ baseURL: '/v1', apiKey: null, logLevel: 'off', maxRetries: 0 })
let databases = 0
const freshName = () => `kindling-ui-threads-${Date.now()}-${++databases}`

function ActiveChat() {
  const { activeId } = useThreads()
  return activeId ? (
    <Chat threadId={activeId} model="kindling-echo" showModelPicker={false} />
  ) : (
    <p>No chat</p>
  )
}

function App({ threads }: { threads: ThreadStore }) {
  return (
    <KindlingProvider client={client} threads={threads}>
      <div style={{ height: 560, display: 'flex' }}>
        <ThreadSidebar />
        <div style={{ flex: 1, display: 'flex', flexDirection: 'column' }}>
          <ActiveChat />
        </div>
      </div>
    </KindlingProvider>
  )
}

const open = (name: string) => createThreadStore({ adapter: createIndexedDbAdapter({ name }) })

afterEach(async () => {
  cleanup()
  await page.viewport(1024, 768)
})

async function say(view: ReturnType<typeof render>, text: string) {
  await userEvent.click(view.getByRole('textbox', { name: 'Message' }))
  await userEvent.keyboard(`${text}{Enter}`)
  await waitFor(() =>
    expect(view.container.querySelector('article[data-role="assistant"]:last-of-type')).toHaveAttribute(
      'data-status',
      'done',
    ),
  )
}

describe('ThreadList', () => {
  it('creates, lists newest first, switches, searches, renames and deletes; survives a reload', async () => {
    await page.viewport(1024, 768)
    const name = freshName()
    const view = render(<App threads={open(name)} />)
    const list = () => within(view.getByRole('navigation', { name: 'Conversations' }))
    await userEvent.click(list().getByRole('button', { name: 'New chat' }))
    await say(view, 'About cats')
    await waitFor(() =>
      expect(list().getByRole('button', { name: 'About cats' })).toHaveAttribute('aria-current', 'page'),
    )
    await userEvent.click(list().getByRole('button', { name: 'New chat' }))
    await say(view, 'About dogs')
    await waitFor(() =>
      expect(
        list()
          .getAllByRole('listitem')
          .map((item) => item.textContent?.split('Rename')[0]),
      ).toEqual(['About dogs', 'About cats']),
    )

    await userEvent.click(list().getByRole('button', { name: 'About cats' }))
    await waitFor(() =>
      expect(view.container.querySelector('article[data-role="user"]')).toHaveTextContent('About cats'),
    )

    await userEvent.type(list().getByRole('searchbox'), 'dog')
    expect(list().queryByRole('button', { name: 'About cats' })).toBeNull()
    await userEvent.clear(list().getByRole('searchbox'))

    await userEvent.click(list().getByRole('button', { name: 'Rename About dogs' }))
    const title = list().getByRole('textbox', { name: 'Conversation title' })
    await userEvent.clear(title)
    await userEvent.type(title, 'Dogs, renamed{Enter}')
    await waitFor(() => expect(list().getByRole('button', { name: 'Dogs, renamed' })).toBeInTheDocument())

    view.unmount()
    const again = render(<App threads={open(name)} />)
    const listAgain = () => within(again.getByRole('navigation', { name: 'Conversations' }))
    await waitFor(() =>
      expect(listAgain().getByRole('button', { name: 'Dogs, renamed' })).toBeInTheDocument(),
    )
    await userEvent.click(listAgain().getByRole('button', { name: 'Dogs, renamed' }))
    await waitFor(() =>
      expect(again.container.querySelectorAll('article[data-role="assistant"]')).toHaveLength(1),
    )
    expect(again.container.querySelector('article[data-role="assistant"]')).toHaveTextContent('About dogs')

    await userEvent.click(listAgain().getByRole('button', { name: 'Delete About cats' }))
    await waitFor(() => expect(listAgain().queryByRole('button', { name: 'About cats' })).toBeNull())
    expect((await createIndexedDbAdapter({ name }).list()).map((t) => t.title)).toEqual(['Dogs, renamed'])
  })

  it('on a narrow screen the list is a sheet behind a button', async () => {
    await page.viewport(390, 800)
    const view = render(<App threads={open(freshName())} />)
    const toggle = view.getByRole('button', { name: 'Conversations' })
    expect(toggle).toBeVisible()
    expect(view.getByRole('button', { name: 'New chat', hidden: true })).not.toBeVisible()
    await userEvent.click(toggle)
    expect(view.getByRole('button', { name: 'New chat' })).toBeVisible()
    await userEvent.click(view.getByRole('button', { name: 'New chat' }))
    expect(view.getByRole('button', { name: 'New chat', hidden: true })).not.toBeVisible()
    expect(view.getByRole('textbox', { name: 'Message' })).toBeVisible()
  })
})

describe('ThreadList with many threads', () => {
  it('renders the rows a sidebar shows and more as its end comes into view; searches all; keeps the active one', async () => {
    const threads = createThreadStore({ adapter: createIndexedDbAdapter({ name: freshName() }) })
    await threads.ready
    for (let index = 0; index < 120; index++) threads.create({ title: `Trip ${index}` })
    const view = render(<App threads={threads} />)
    const items = () => view.container.querySelectorAll('.kindling-thread-list__item')
    // The first rows (at least down to the active thread), and a button for the rest.
    const more = await view.findByRole('button', { name: /Show more/ })
    const first = items().length
    expect(first).toBeGreaterThanOrEqual(24)
    expect(first).toBeLessThan(120)
    expect(more).toHaveTextContent(`Show more (${120 - first})`)
    // Scrolled into view, the end of the list brings the next rows (no click needed).
    more.scrollIntoView()
    await waitFor(() => expect(items().length).toBeGreaterThan(first))
    // The button shows the rest too (it may already be gone: the end stayed in view).
    await waitFor(() => {
      view.queryByRole('button', { name: /Show more/ })?.click()
      expect(items()).toHaveLength(120)
    })
    expect(view.queryByRole('button', { name: /Show more/ })).toBeNull()

    // Search looks through every thread; opening one deep in the list keeps its row once the search is cleared.
    const search = view.getByRole('searchbox', { name: 'Search conversations' })
    await userEvent.type(search, 'Trip 11')
    await waitFor(() => expect(items()).toHaveLength(11)) // Trip 11, 110–119
    await userEvent.clear(search)
    await userEvent.type(search, 'Trip 3')
    await userEvent.click(await view.findByRole('button', { name: 'Trip 3' }))
    await waitFor(() => expect(view.container.querySelectorAll('[aria-current="page"]')).toHaveLength(1))
    await userEvent.clear(search)
    await waitFor(() =>
      expect(view.getByRole('button', { name: 'Trip 3' })).toHaveAttribute('aria-current', 'page'),
    )
  })
})
