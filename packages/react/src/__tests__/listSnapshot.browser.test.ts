import { describe, expect, it } from 'vitest'
import { createChatRegistry } from '../core/chatRegistry.ts'
import { createIndexedDbAdapter } from '../core/persistence/indexedDbAdapter.ts'
import { createThreadStore } from '../core/threadStore.ts'

// The list snapshot in real Chromium: real IndexedDB and localStorage. A "reload" is a new adapter
// and thread store over the same database, read synchronously at creation as a page's first script.

let databases = 0
const freshName = () => `kindling-snapshot-${Date.now()}-${++databases}`
const keyOf = (name: string) => `kindling-threads:${name}:list`

function page(name: string, options: { listSnapshot?: boolean } = {}) {
  return createThreadStore({
    adapter: createIndexedDbAdapter({ name, ...options }),
    registry: createChatRegistry(),
  })
}

const titles = (store: ReturnType<typeof page>) => store.store.getState().threads.map((t) => t.title)

/** A page with saved threads titled `titles`, oldest first; resolves once all are saved. */
async function seeded(name: string, names: readonly string[]) {
  const first = page(name)
  await first.ready
  for (const title of names) {
    first.create({ title, messages: [{ id: `${title}-q`, role: 'user', content: title, status: 'done' }] })
    await first.flush()
  }
  await Promise.resolve()
  return first
}

describe('the list snapshot', () => {
  it('shows the list at once after a reload, before IndexedDB answers, then the same list', async () => {
    const name = freshName()
    await seeded(name, ['one', 'two', 'three'])
    const reloaded = page(name)
    // Synchronously, at creation: no await between.
    expect(reloaded.store.getState().status).toBe('loading')
    const shown = reloaded.store.getState().threads
    expect(titles(reloaded)).toEqual(['three', 'two', 'one'])
    await reloaded.ready
    expect(reloaded.store.getState().status).toBe('ready')
    // Confirmed unchanged: the same list, so no row renders again.
    expect(reloaded.store.getState().threads).toBe(shown)
  })

  it('is replaced by what IndexedDB holds, and rewritten from it', async () => {
    const name = freshName()
    const first = await seeded(name, ['kept', 'deleted elsewhere'])
    // Another page deletes a thread and closes before writing its snapshot: the snapshot is stale.
    const stale = localStorage.getItem(keyOf(name))
    const id = first.store.getState().threads.find((t) => t.title === 'deleted elsewhere')?.id ?? ''
    await first.delete(id)
    await Promise.resolve()
    localStorage.setItem(keyOf(name), stale ?? '')

    const reloaded = page(name)
    expect(titles(reloaded)).toEqual(['deleted elsewhere', 'kept'])
    await reloaded.ready
    expect(titles(reloaded)).toEqual(['kept'])
    await Promise.resolve()
    expect(titles(page(name))).toEqual(['kept'])
  })

  it('leaves out threads not saved yet', async () => {
    const name = freshName()
    const first = await seeded(name, ['saved'])
    first.create({ title: 'draft' })
    await Promise.resolve()
    expect(titles(first)).toContain('draft')
    expect(titles(page(name))).toEqual(['saved'])
  })

  it.each([
    ['not JSON', '{'],
    ['another record version', JSON.stringify({ version: 99, threads: [] })],
    ['a bad row', JSON.stringify({ version: 1, threads: [{ id: 'x', title: 3 }] })],
  ])('is ignored when it is %s, and the list still loads', async (_name, text) => {
    const name = freshName()
    await seeded(name, ['real'])
    localStorage.setItem(keyOf(name), text)
    const reloaded = page(name)
    expect(titles(reloaded)).toEqual([])
    await reloaded.ready
    expect(titles(reloaded)).toEqual(['real'])
  })

  it('is not kept with listSnapshot: false', async () => {
    const name = freshName()
    const first = page(name, { listSnapshot: false })
    await first.ready
    first.create({ title: 'private', messages: [{ id: 'q', role: 'user', content: 'hi', status: 'done' }] })
    await first.flush()
    await Promise.resolve()
    expect(localStorage.getItem(keyOf(name))).toBeNull()
    expect(titles(page(name, { listSnapshot: false }))).toEqual([])
  })
})
