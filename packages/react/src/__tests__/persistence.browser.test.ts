import { createClient } from '@kindling/client'
import { describe, expect, it } from 'vitest'
import { createChatRegistry } from '../core/chatRegistry.ts'
import { createIndexedDbAdapter, readQuarantine } from '../core/persistence/indexedDbAdapter.ts'
import { PersistenceRecordError, THREAD_RECORD_VERSION } from '../core/persistence/threadRecord.ts'
import type { ChatRequestConfig } from '../core/requestRunner.ts'
import { createThreadStore } from '../core/threadStore.ts'

// Real IndexedDB in real Chromium, against the embedded server (same origin, /v1). A "reload" is a
// new adapter, registry and thread store over the same database; a "second tab" is a second set
// alive at the same time (each adapter has its own connection and BroadcastChannel).

const config = (): ChatRequestConfig => ({
  client: createClient({ baseURL: '/v1', apiKey: null, logLevel: 'off', maxRetries: 0 }),
  model: 'kindling-echo',
  batchInterval: 0,
})

let databases = 0
const freshName = () => `kindling-test-${Date.now()}-${++databases}`

/** One page's worth of thread state over the database `name`. */
function page(name: string, onIssue?: (issue: PersistenceRecordError) => void) {
  return createThreadStore({
    adapter: createIndexedDbAdapter({ name, onIssue }),
    registry: createChatRegistry(),
  })
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

describe('IndexedDB persistence', () => {
  it('keeps threads and their branches across a reload', async () => {
    const name = freshName()
    const first = page(name)
    await first.ready
    const id = first.create()
    const engine = first.engine(id)
    await engine.send('hello there', config())
    await engine.regenerate(config())
    await settle()

    const reloaded = page(name)
    await reloaded.ready
    expect(reloaded.store.getState().threads.map((t) => [t.id, t.title])).toEqual([[id, 'hello there']])
    const opened = await reloaded.open(id)
    const state = opened?.store.getState()
    expect(state?.messageIds).toEqual(engine.store.getState().messageIds)
    expect(state?.tree.nodes).toHaveLength(3)
    expect(state?.messages.map((m) => m.status)).toEqual(['done', 'done'])
  })

  it('two tabs on one thread keep both answers, and the other tab is told', async () => {
    const name = freshName()
    const tabA = page(name)
    const id = tabA.create()
    await tabA.engine(id).send('start', config())
    await settle()
    const tabB = page(name)
    const engineB = await tabB.open(id)
    expect(engineB?.store.getState().messages).toHaveLength(2)

    await Promise.all([tabA.engine(id).send('from A', config()), engineB?.send('from B', config())])
    await settle()
    // Both saves merged in the database; each tab was told of the other's and merged it in.
    const reloaded = await page(name).open(id)
    const stored = reloaded?.store.getState().tree.nodes.map((node) => node.message.content) ?? []
    expect(stored.filter((text) => text === 'from A')).toHaveLength(2)
    expect(stored.filter((text) => text === 'from B')).toHaveLength(2)
    await expect.poll(() => tabA.engine(id).store.getState().tree.nodes.length, { timeout: 2000 }).toBe(6)
    await expect.poll(() => engineB?.store.getState().tree.nodes.length, { timeout: 2000 }).toBe(6)
  })

  it('sets aside a corrupt or unknown-version record, reports it, and keeps working', async () => {
    const name = freshName()
    const first = page(name)
    const id = first.create()
    await first.engine(id).send('keep me', config())
    await settle()
    // Plant a record from "a future version" and a broken one, as raw IndexedDB writes.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(name)
      open.onsuccess = () => {
        const tx = open.result.transaction(['meta', 'trees'], 'readwrite')
        tx.objectStore('meta').put({ version: THREAD_RECORD_VERSION + 1, id: 'future', title: 'x' })
        tx.objectStore('meta').put({ version: THREAD_RECORD_VERSION, id: 'broken', title: 42 })
        tx.oncomplete = () => {
          open.result.close()
          resolve()
        }
        tx.onerror = () => reject(tx.error)
      }
      open.onerror = () => reject(open.error)
    })
    const issues: PersistenceRecordError[] = []
    const reloaded = page(name, (issue) => issues.push(issue))
    await reloaded.ready
    expect(reloaded.store.getState().threads.map((t) => t.id)).toEqual([id])
    expect(issues.map((issue) => [issue.threadId, issue.kind]).sort()).toEqual([
      ['broken', 'corrupt'],
      ['future', 'unknown-version'],
    ])
    expect(issues.every((issue) => issue instanceof PersistenceRecordError)).toBe(true)
    const aside = (await readQuarantine(name)) as { threadId: string; meta: unknown }[]
    expect(aside.map((record) => record.threadId).sort()).toEqual(['broken', 'future'])
    expect(aside.find((record) => record.threadId === 'broken')?.meta).toMatchObject({ title: 42 })
    expect((await reloaded.open(id))?.store.getState().messages).toHaveLength(2)
  })
})
