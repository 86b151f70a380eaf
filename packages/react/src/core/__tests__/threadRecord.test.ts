import { KindlingError } from '@kindling/client'
import { describe, expect, it } from 'vitest'
import { activePathIds, appendChild, getNode, treeFromMessages } from '../messageTree.ts'
import {
  PersistenceRecordError,
  RecordCheckPending,
  readMeta as readMetaUnchecked,
  readRecord as readRecordUnchecked,
  THREAD_RECORD_VERSION,
  type ThreadRecord,
  toStored,
} from '../persistence/threadRecord.ts'
import { checkStoredRecord } from '../persistence/threadRecordSchema.ts'

// The read path: stored records come back as they were written; anything a guard rejects is
// explained by zod, with the field named.

const record = (): ThreadRecord => {
  let tree = treeFromMessages([
    { id: 'q', role: 'user', content: 'Hi', status: 'done' },
    { id: 'a', role: 'assistant', content: 'Hello', status: 'error', error: new KindlingError('cut off') },
  ])
  tree = appendChild(tree, 'q', { id: 'a2', role: 'assistant', content: 'Hey', status: 'streaming' }, false)
  return {
    version: THREAD_RECORD_VERSION,
    id: 't',
    title: 'Hi',
    createdAt: 1,
    updatedAt: 2,
    archived: false,
    tree,
  }
}

function stored() {
  const { meta, tree } = structuredClone(toStored(record()))
  return { meta: meta as unknown as Record<string, unknown>, tree }
}

// As the adapters read: with zod's checker at hand for what the guards reject.
const readMeta = (raw: unknown) => readMetaUnchecked(raw, checkStoredRecord)
const readRecord = (meta: unknown, tree: unknown) => readRecordUnchecked(meta, tree, checkStoredRecord)

describe('thread records', () => {
  it('reads back what was written: links, active path, errors, a mid-stream answer as stopped', () => {
    const { meta, tree } = stored()
    const read = readRecord(meta, tree)
    expect(activePathIds(read.tree)).toEqual(['q', 'a'])
    expect(getNode(read.tree, 'q')?.childIds).toEqual(['a', 'a2'])
    expect(getNode(read.tree, 'a')?.message.error).toBeInstanceOf(KindlingError)
    expect(getNode(read.tree, 'a')?.message.error?.message).toBe('cut off')
    expect(getNode(read.tree, 'a2')?.message.status).toBe('stopped')
  })

  it('reads back tool call states, and sets aside a record whose tool call state is unknown', () => {
    const { meta, tree } = stored()
    const answer = tree.nodes.find((node) => node.id === 'a')?.message as Record<string, unknown>
    answer.toolCallStates = { c1: { status: 'awaiting-approval' }, c2: { status: 'done', result: { ok: 1 } } }
    expect(getNode(readRecord(meta, tree).tree, 'a')?.message.toolCallStates).toEqual(answer.toolCallStates)
    answer.toolCallStates = { c1: { status: 'paused' } }
    expect(() => readRecord(meta, tree)).toThrow(/toolCallStates/)
  })

  it('keeps only the known metadata fields', () => {
    const { meta } = stored()
    expect(readMeta({ ...meta, extra: 1 })).toEqual({
      id: 't',
      title: 'Hi',
      createdAt: 1,
      updatedAt: 2,
      archived: false,
    })
  })

  it.each([
    ['a title that is not text', (m: Record<string, unknown>) => ({ ...m, title: 3 }), /title/],
    ['no updatedAt', ({ updatedAt: _u, ...m }: Record<string, unknown>) => m, /updatedAt/],
    ['a future version', (m: Record<string, unknown>) => ({ ...m, version: 2 }), /version 2/],
  ])('rejects metadata with %s, naming why', (_name, change, reason) => {
    const { meta } = stored()
    expect(() => readMeta(change(meta))).toThrow(reason)
    expect(() => readMeta(change(meta))).toThrow(PersistenceRecordError)
  })

  it('rejects a tree with a bad message, naming the field', () => {
    const { meta, tree } = stored()
    const nodes = tree.nodes.map((node, index) =>
      index === 1 ? { ...node, message: { ...node.message, status: 'typing' } } : node,
    )
    expect(() => readRecord(meta, { ...tree, nodes })).toThrow(/status/)
  })

  it('asks for zod only when a guard rejects a record, and never for an unknown version', () => {
    const { meta, tree } = stored()
    expect(readRecordUnchecked(meta, tree).id).toBe('t')
    expect(() => readMetaUnchecked({ ...meta, title: 3 })).toThrow(RecordCheckPending)
    expect(() => readMetaUnchecked({ ...meta, version: 2 })).toThrow(PersistenceRecordError)
  })
})
