import { describe, expect, it } from 'vitest'
import { createChatEngine } from '../chatEngine.ts'
import type { ChatUIMessage } from '../chatMessage.ts'
import { type MessageNode, treeFromData } from '../messageTree.ts'

// What a branch switch costs, counted rather than timed: the nodes whose message it reads (each
// message on the new part of the path is read once) and the id lookups it makes in the tree's slot
// map. Both must follow the part of the path that changes, never the depth of the switch or the
// size of the tree.

interface Counts {
  messageReads: number
  idLookups: number
}

/** A node whose `message` counts its reads. */
function countedNode(
  counts: Counts,
  id: string,
  parentId: string | null,
  childIds: string[],
  activeChildId: string | undefined,
): MessageNode {
  const message: ChatUIMessage = { id, role: 'user', content: id, status: 'done' }
  return {
    id,
    parentId,
    childIds,
    activeChildId,
    get message() {
      counts.messageReads++
      return message
    },
  }
}

/**
 * A 1,000-message thread m0…m999 with a second branch b0…b(branch-1) under m499 (not shown), and
 * `offPath` more messages in chains of 10 hanging off early messages (never on either path).
 */
function thread(counts: Counts, branch: number, offPath: number) {
  const links: [id: string, parentId: string | null][] = []
  for (let index = 0; index < 1000; index++) links.push([`m${index}`, index === 0 ? null : `m${index - 1}`])
  for (let index = 0; index < branch; index++)
    links.push([`b${index}`, index === 0 ? 'm499' : `b${index - 1}`])
  for (let side = 0; side < offPath / 10; side++) {
    for (let index = 0; index < 10; index++) {
      links.push([`s${side}-${index}`, index === 0 ? `m${(side * 2) % 400}` : `s${side}-${index - 1}`])
    }
  }
  const children = new Map<string, string[]>(links.map(([id]) => [id, []]))
  for (const [id, parentId] of links) if (parentId !== null) children.get(parentId)?.push(id)
  // Active children: the m path at m499 (the first child), each chain's next message elsewhere.
  const nodes = links.map(([id, parentId]) => {
    const childIds = children.get(id) ?? []
    const active = id.startsWith('s') ? childIds[0] : childIds.find((child) => !child.startsWith('s'))
    return countedNode(counts, id, parentId, childIds, active)
  })
  const tree = treeFromData({ nodes, rootIds: ['m0'], activeRootId: 'm0' })
  const slots = tree.slots as Map<string, number>
  const get = slots.get.bind(slots)
  // Counts lookups on this tree's slot map (shared by every version of the tree a switch makes).
  slots.get = (id: string) => {
    counts.idLookups++
    return get(id)
  }
  return tree
}

/** Counts one switch from the m branch to the b branch at depth 500, and back. */
function switchCost(branch: number, offPath: number): { there: Counts; back: Counts } {
  const counts: Counts = { messageReads: 0, idLookups: 0 }
  const engine = createChatEngine({ tree: thread(counts, branch, offPath) })
  const measure = (id: string): Counts => {
    counts.messageReads = 0
    counts.idLookups = 0
    engine.selectBranch(id)
    return { ...counts }
  }
  const there = measure('b0')
  expect(engine.store.getState().messageIds).toHaveLength(500 + branch)
  expect(engine.store.getState().messageIds[500]).toBe('b0')
  const back = measure('m500')
  expect(engine.store.getState().messageIds).toHaveLength(1000)
  return { there, back }
}

describe('branch switch cost', () => {
  it('does not grow with the nodes off the path', () => {
    const small = switchCost(500, 0)
    const large = switchCost(500, 10_000)
    expect(large).toEqual(small)
  })

  it('reads the messages of the changed part of the path only, and looks up a few ids', () => {
    for (const branch of [50, 500]) {
      const { there, back } = switchCost(branch, 0)
      // The new part of the path (branch messages there, 500 back) plus a few around the switch.
      expect(there.messageReads).toBeGreaterThanOrEqual(branch)
      expect(there.messageReads).toBeLessThanOrEqual(branch + 8)
      expect(back.messageReads).toBeLessThanOrEqual(500 + 8)
      // Never one lookup per message of the path (a switch at depth 500 used to make over 1,000).
      expect(there.idLookups).toBeLessThanOrEqual(16)
      expect(back.idLookups).toBeLessThanOrEqual(16)
    }
  })

  it('keeps the shown messages in step with the tree after switching back and forth', () => {
    const counts: Counts = { messageReads: 0, idLookups: 0 }
    const engine = createChatEngine({ tree: thread(counts, 50, 100) })
    for (const id of ['b0', 'm500', 'b10', 's0-5', 'm700', 'b49']) {
      engine.selectBranch(id)
      const state = engine.store.getState()
      expect(state.messageIds).toContain(id)
      state.messageIds.forEach((shown, index) => {
        expect(state.messageIndex.get(shown)).toBe(index)
        expect(state.messages[index]?.id).toBe(shown)
      })
      expect(state.messageIndex.size).toBe(state.messageIds.length)
      expect(state.messageIndex.has('s1-0')).toBe(state.messageIds.includes('s1-0'))
    }
  })
})
