import { describe, expect, it } from 'vitest'
import type { ChatUIMessage } from '../chatMessage.ts'
import {
  activePathIds,
  addSibling,
  appendChild,
  depthOf,
  emptyTree,
  getNode,
  type MessageTree,
  mergeTrees,
  selectBranch,
  siblingPosition,
  switchSibling,
  treeFromData,
  treeFromMessages,
  treeToData,
} from '../messageTree.ts'

const message = (id: string, role = 'user'): ChatUIMessage => ({ id, role, content: id, status: 'done' })

/** A linear chat m0 … m(n-1). */
function linear(count: number): MessageTree {
  return treeFromMessages(Array.from({ length: count }, (_, index) => message(`m${index}`)))
}

/** Nodes whose identity differs between two trees. */
function changedIds(before: MessageTree, after: MessageTree): string[] {
  return after.nodes.filter((node) => getNode(before, node.id) !== node).map((node) => node.id)
}

describe('message tree', () => {
  it('walks the active path from the root', () => {
    expect(activePathIds(emptyTree())).toEqual([])
    expect(activePathIds(linear(4))).toEqual(['m0', 'm1', 'm2', 'm3'])
  })

  it('adds a sibling that becomes active, keeping the old branch', () => {
    const tree = addSibling(linear(4), 'm2', message('m2b'))
    expect(activePathIds(tree)).toEqual(['m0', 'm1', 'm2b'])
    expect(siblingPosition(tree, 'm2')).toMatchObject({ index: 0, count: 2 })
    expect(siblingPosition(tree, 'm2b')).toMatchObject({ index: 1, count: 2, ids: ['m2', 'm2b'] })
    const back = selectBranch(tree, 'm3')
    expect(activePathIds(back)).toEqual(['m0', 'm1', 'm2', 'm3'])
  })

  it('gives new identities only to the nodes it changes', () => {
    const before = linear(1000)
    const added = addSibling(before, 'm500', message('alt'))
    // The new node and the parent whose children changed; every other node is shared.
    expect(changedIds(before, added).sort()).toEqual(['alt', 'm499'])
    const switched = selectBranch(added, 'm500')
    expect(changedIds(added, switched)).toEqual(['m499'])
    expect(activePathIds(switched)).toHaveLength(1000)
    // Choosing what is already shown changes nothing.
    expect(selectBranch(switched, 'm700')).toBe(switched)
  })

  it('selecting a deep message activates every ancestor on its way up', () => {
    let tree = addSibling(linear(3), 'm1', message('x1'))
    tree = appendChild(tree, 'x1', message('x2'))
    tree = selectBranch(tree, 'm2')
    expect(activePathIds(tree)).toEqual(['m0', 'm1', 'm2'])
    tree = selectBranch(tree, 'x2')
    expect(activePathIds(tree)).toEqual(['m0', 'x1', 'x2'])
  })

  it('switches between first messages too (roots are siblings)', () => {
    let tree = addSibling(linear(2), 'm0', message('r2'))
    expect(activePathIds(tree)).toEqual(['r2'])
    expect(siblingPosition(tree, 'r2')).toMatchObject({ index: 1, count: 2 })
    tree = switchSibling(tree, 'r2', -1)
    expect(activePathIds(tree)).toEqual(['m0', 'm1'])
    expect(switchSibling(tree, 'm0', -1)).toBe(tree)
  })

  it('adds a sibling without showing it when asked (n > 1 choices)', () => {
    const tree = appendChild(linear(2), 'm0', message('c2', 'assistant'), false)
    expect(activePathIds(tree)).toEqual(['m0', 'm1'])
    expect(siblingPosition(tree, 'm1')?.count).toBe(2)
  })

  it('round-trips through plain data and rejects broken links with a message', () => {
    const tree = addSibling(linear(3), 'm1', message('b'))
    const data = JSON.parse(JSON.stringify(treeToData(tree)))
    const back = treeFromData(data)
    expect(activePathIds(back)).toEqual(activePathIds(tree))
    expect(siblingPosition(back, 'b')?.count).toBe(2)

    const orphan = { ...data, nodes: [...data.nodes, { ...data.nodes[2], id: 'z', message: message('z') }] }
    expect(() => treeFromData(orphan)).toThrow(/not listed by its parent/)
    const twice = { ...data, nodes: [...data.nodes, data.nodes[0]] }
    expect(() => treeFromData(twice)).toThrow(/share the id m0/)
    const badActive = { ...data, activeRootId: 'nope' }
    expect(() => treeFromData(badActive)).toThrow(/active root/)
    // Two messages that are each other's parent: every link agrees, but no root leads to them.
    const loop = (id: string, other: string) => ({
      id,
      parentId: other,
      childIds: [other],
      activeChildId: other,
      message: message(id),
    })
    const looped = { ...data, nodes: [...data.nodes, loop('x', 'y'), loop('y', 'x')] }
    expect(() => treeFromData(looped)).toThrow(/form a loop/)
  })

  it('knows the depth of each message, whatever order the nodes come in', () => {
    const tree = appendChild(addSibling(linear(4), 'm2', message('x2')), 'x2', message('x3'))
    expect(['m0', 'm1', 'm2', 'm3', 'x2', 'x3', 'nope'].map((id) => depthOf(tree, id))).toEqual([
      0,
      1,
      2,
      3,
      2,
      3,
      undefined,
    ])
    const data = treeToData(tree)
    const reversed = treeFromData({ ...data, nodes: [...data.nodes].reverse() })
    expect(depthOf(reversed, 'x3')).toBe(3)
    expect(activePathIds(reversed)).toEqual(['m0', 'm1', 'x2', 'x3'])
    // Switching back follows the stored active child of every node on the way down.
    const back = selectBranch(reversed, 'm3')
    expect(activePathIds(back)).toEqual(['m0', 'm1', 'm2', 'm3'])
  })

  it('merges two versions of a conversation by message id, losing none', () => {
    const base = linear(2)
    const tabA = appendChild(appendChild(base, 'm1', message('a1')), 'a1', message('a2', 'assistant'))
    const tabB = appendChild(appendChild(base, 'm1', message('b1')), 'b1', message('b2', 'assistant'))
    const merged = mergeTrees(tabA, tabB)
    expect(activePathIds(merged)).toEqual(['m0', 'm1', 'a1', 'a2'])
    expect(getNode(merged, 'm1')?.childIds).toEqual(['a1', 'b1'])
    expect(getNode(merged, 'b2')?.parentId).toBe('b1')
    expect(merged.nodes).toHaveLength(6)
    // Merging what is already there adds nothing.
    expect(mergeTrees(merged, tabA).nodes).toHaveLength(6)
  })
})
