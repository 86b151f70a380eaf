import { describe, expect, it } from 'vitest'
import { createChatEngine } from '../chatEngine.ts'
import type { ChatUIMessage } from '../chatMessage.ts'
import { mergeMessageProgress } from '../messageProgress.ts'
import { treeFromMessages } from '../messageTree.ts'
import { mergeRecords } from '../persistence/mergeRecords.ts'
import { THREAD_RECORD_VERSION, type ThreadRecord } from '../persistence/threadRecord.ts'

// A tab that read another tab's answer before its stream started holds it as `stopped`, with no
// text and no stream: merges must let the copy further along win, or that tab shows "Stopped." for good.

const user: ChatUIMessage = { id: 'u1', role: 'user', content: 'Hi', status: 'done' }
const answer = (patch: Partial<ChatUIMessage>): ChatUIMessage => ({
  id: 'a1',
  role: 'assistant',
  content: '',
  status: 'stopped',
  ...patch,
})
const cutOff = answer({})
const streaming = answer({ stream: { id: 'stream-1' } })
const ended = answer({ content: 'Hello there.', status: 'done' })
const userStopped = answer({ content: 'Hel', stream: { id: 'stream-1' } })

const tree = (last: ChatUIMessage) => treeFromMessages([user, last])
const lastOf = (merged: ReturnType<typeof tree>) => merged.nodes.find((node) => node.id === 'a1')?.message
const record = (last: ChatUIMessage): ThreadRecord => ({
  version: THREAD_RECORD_VERSION,
  id: 't1',
  title: '',
  createdAt: 1,
  updatedAt: 1,
  archived: false,
  tree: tree(last),
})

describe('mergeMessageProgress', () => {
  it('takes the ended answer over a cut-off copy', () => {
    expect(lastOf(mergeMessageProgress(tree(cutOff), tree(ended)))).toEqual(ended)
    expect(lastOf(mergeMessageProgress(tree(userStopped), tree(ended)))).toEqual(ended)
  })

  it('keeps its own copy otherwise (the same tree when nothing is further along)', () => {
    const mine = tree(ended)
    expect(mergeMessageProgress(mine, tree(cutOff))).toBe(mine)
    // Stopped here (its stream dropped): a stored copy that still carries the stream does not come back.
    const stopped = tree(cutOff)
    expect(mergeMessageProgress(stopped, tree(streaming))).toBe(stopped)
    expect(mergeMessageProgress(stopped, tree(answer({ stream: { id: 's' }, status: 'streaming' })))).toBe(
      stopped,
    )
    expect(mergeMessageProgress(tree(userStopped), tree(cutOff))).toEqual(tree(userStopped))
  })
})

describe('merging a cut-off copy with a stored answer', () => {
  it('a save of the stale copy does not overwrite the ended answer', () => {
    expect(lastOf(mergeRecords(record(cutOff), record(ended)).tree)).toEqual(ended)
  })

  it('an engine holding the stale copy shows the ended answer it adopts', () => {
    const engine = createChatEngine({ tree: tree(cutOff) })
    engine.adoptTree(tree(ended))
    expect(engine.store.getState().messages.at(-1)).toEqual(ended)
    engine.dispose()
  })
})
