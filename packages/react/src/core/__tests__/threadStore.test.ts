import { describe, expect, it, vi } from 'vitest'
import { startPeer } from '../../__tests__/peer.ts'
import { createChatRegistry } from '../chatRegistry.ts'
import { activePathIds } from '../messageTree.ts'
import { createMemoryAdapter } from '../persistence/memoryAdapter.ts'
import { PersistenceRecordError, THREAD_RECORD_VERSION, toStored } from '../persistence/threadRecord.ts'
import type { ChatRequestConfig } from '../requestRunner.ts'
import { createThreadStore } from '../threadStore.ts'

const peer = startPeer()

const config = (model = 'kindling-echo'): ChatRequestConfig => ({
  client: peer.client(),
  model,
  batchInterval: 0,
})

/** Waits for the saves the store has queued (they run after the answer settles). */
const flushSaves = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('thread store', () => {
  it('creates, saves on each finished answer (one write, never per token), and reloads', async () => {
    const adapter = createMemoryAdapter()
    const threads = createThreadStore({ adapter })
    await threads.ready
    const id = threads.create()
    expect(threads.store.getState().activeId).toBe(id)
    const engine = threads.engine(id)
    let notifications = 0
    engine.store.subscribe(() => notifications++)
    await engine.send('Tell me a long story', config('kindling-text'))
    await flushSaves()
    expect(notifications).toBeGreaterThan(5)
    expect(adapter.writes).toBe(1)
    await engine.send('again', config())
    await flushSaves()
    expect(adapter.writes).toBe(2)
    expect(threads.store.getState().threads[0]).toMatchObject({ id, title: 'Tell me a long story' })

    // A new page: the same adapter, a fresh store and registry.
    const reloaded = createThreadStore({ adapter, registry: createChatRegistry() })
    await reloaded.ready
    expect(reloaded.store.getState().threads.map((thread) => thread.id)).toEqual([id])
    const opened = await reloaded.open(id)
    expect(opened?.store.getState().messages.map((m) => m.content)).toEqual(
      engine.store.getState().messages.map((m) => m.content),
    )
    expect(opened?.store.getState().messages.map((m) => m.id)).toEqual(engine.store.getState().messageIds)
    expect(adapter.writes).toBe(2)
  })

  it('keeps branches through a reload, and saves a branch switch', async () => {
    const adapter = createMemoryAdapter()
    const threads = createThreadStore({ adapter })
    const id = threads.create()
    const engine = threads.engine(id)
    await engine.send('one', config())
    const user = engine.store.getState().messages[0]?.id ?? ''
    await engine.edit(user, 'two', config())
    engine.switchSibling(engine.store.getState().messages[0]?.id ?? '', -1)
    await flushSaves()
    const reloaded = createThreadStore({ adapter, registry: createChatRegistry() })
    const opened = await reloaded.open(id)
    expect(opened?.store.getState().messages.map((m) => m.content)).toEqual(['one', 'one'])
    expect(opened?.store.getState().tree.nodes).toHaveLength(4)
    expect(activePathIds(opened?.store.getState().tree ?? engine.store.getState().tree)).toEqual(
      engine.store.getState().messageIds,
    )
  })

  it('orders by last update, renames, archives and deletes', async () => {
    let clock = 1000
    const adapter = createMemoryAdapter()
    const threads = createThreadStore({ adapter, now: () => clock++ })
    const a = threads.create({ title: 'A' })
    await threads.engine(a).send('in a', config())
    const b = threads.create({ title: 'B' })
    await threads.engine(b).send('in b', config())
    await flushSaves()
    expect(threads.store.getState().threads.map((t) => t.title)).toEqual(['B', 'A'])
    await threads.engine(a).send('a again', config())
    await flushSaves()
    expect(threads.store.getState().threads.map((t) => t.title)).toEqual(['A', 'B'])
    await threads.rename(b, 'Bee')
    await threads.archive(a)
    const listed = await adapter.list()
    expect(listed.find((t) => t.id === b)?.title).toBe('Bee')
    expect(listed.find((t) => t.id === a)?.archived).toBe(true)
    await threads.delete(b)
    expect((await adapter.list()).map((t) => t.id)).toEqual([a])
    expect(threads.registry.peek(b)).toBeUndefined()
  })

  it('reading the list again keeps the threads that did not change (the same objects, the same list)', async () => {
    let clock = 1000
    const adapter = createMemoryAdapter()
    const threads = createThreadStore({ adapter, now: () => clock++ })
    for (const title of ['A', 'B', 'C']) {
      threads.create({
        title,
        messages: [{ id: `${title}-q`, role: 'user', content: title, status: 'done' }],
      })
    }
    await threads.flush()
    await threads.refresh()
    const before = threads.store.getState().threads
    await threads.refresh()
    expect(threads.store.getState().threads).toBe(before)
    // Another writer renames B: only B's object is new.
    const stored = await adapter.load(before[1]?.id ?? '')
    if (stored) await adapter.save({ ...stored, title: 'Bee' })
    await threads.refresh()
    const after = threads.store.getState().threads
    expect(after.map((t) => t.title)).toEqual(['C', 'Bee', 'A'])
    expect(after[0]).toBe(before[0])
    expect(after[1]).not.toBe(before[1])
    expect(after[2]).toBe(before[2])
  })

  it('asks a pluggable generator for the title once the first answer ended', async () => {
    const generateTitle = vi.fn(async () => 'A generated title')
    const threads = createThreadStore({ adapter: createMemoryAdapter(), generateTitle })
    const id = threads.create()
    await threads.engine(id).send('what is the weather like', config())
    await vi.waitFor(() => expect(threads.store.getState().threads[0]?.title).toBe('A generated title'))
    expect(generateTitle).toHaveBeenCalledTimes(1)
    await threads.engine(id).send('more', config())
    await flushSaves()
    expect(generateTitle).toHaveBeenCalledTimes(1)
  })

  it('two writers of one thread lose none of each other’s messages (merge by id)', async () => {
    const adapter = createMemoryAdapter()
    const first = createThreadStore({ adapter })
    const id = first.create()
    await first.engine(id).send('shared start', config())
    await flushSaves()
    const second = createThreadStore({ adapter, registry: createChatRegistry() })
    const other = await second.open(id)
    await first.engine(id).send('from tab one', config())
    await other?.send('from tab two', config())
    await flushSaves()
    const stored = await adapter.load(id)
    const contents = stored?.tree.nodes.map((node) => node.message.content) ?? []
    expect(contents.filter((text) => text === 'from tab one')).toHaveLength(2)
    expect(contents.filter((text) => text === 'from tab two')).toHaveLength(2)
    expect(contents).toHaveLength(6)
  })
})

describe('persistence records', () => {
  it('reports a corrupt or unknown-version record with a typed error and keeps it aside', async () => {
    const issues: PersistenceRecordError[] = []
    const adapter = createMemoryAdapter({ onIssue: (issue) => issues.push(issue) })
    adapter.putRaw('broken', '{ not json', '{}')
    const future = {
      version: THREAD_RECORD_VERSION + 1,
      id: 'future',
      title: 'x',
      createdAt: 1,
      updatedAt: 1,
      archived: false,
    }
    adapter.putRaw('future', future, { version: THREAD_RECORD_VERSION + 1, id: 'future', nodes: [] })
    const good = toStored({
      version: THREAD_RECORD_VERSION,
      id: 'good',
      title: 'fine',
      createdAt: 1,
      updatedAt: 1,
      archived: false,
      tree: { nodes: [], slots: new Map(), rootIds: [], activeRootId: undefined },
    })
    adapter.putRaw('good', good.meta, good.tree)
    const badTree = { ...good.tree, id: 'badtree', rootIds: ['ghost'] }
    adapter.putRaw('badtree', { ...good.meta, id: 'badtree' }, badTree)

    const threads = createThreadStore({ adapter })
    await threads.ready
    expect(
      threads.store
        .getState()
        .threads.map((t) => t.id)
        .sort(),
    ).toEqual(['badtree', 'good'])
    expect(await threads.open('badtree')).toBeDefined()
    expect(issues.map((issue) => [issue.threadId ?? 'broken', issue.kind])).toEqual([
      ['broken', 'corrupt'],
      ['future', 'unknown-version'],
      ['badtree', 'corrupt'],
    ])
    expect(issues.every((issue) => issue instanceof PersistenceRecordError)).toBe(true)
    expect(issues[1]?.message).toMatch(/version 2; this app reads version 1/)
    // Kept aside, raw, not dropped.
    expect(adapter.quarantine.map((record) => record.threadId)).toEqual(['broken', 'future', 'badtree'])
    expect(adapter.quarantine[0]?.raw).toEqual({ meta: '{ not json', tree: '{}' })
    expect((await adapter.list()).map((t) => t.id)).toEqual(['good'])
  })
})
