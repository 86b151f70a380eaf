import { mergeMessageProgress } from '../messageProgress.ts'
import { mergeTrees } from '../messageTree.ts'
import { mergeToolCallStates } from '../toolCallStates.ts'
import type { ThreadRecord } from './threadRecord.ts'

/**
 * The record to write when `stored` is already there: the incoming one, with every message of
 * `stored` it lacks added (two tabs answering in one thread keep both answers).
 */
export function mergeRecords(incoming: ThreadRecord, stored: ThreadRecord | undefined): ThreadRecord {
  if (!stored) return incoming
  // Each tool call keeps its furthest state: a stale copy never brings an ended call back.
  // And a copy of an answer further along wins over one cut off (see messageProgress.ts).
  const tree = mergeToolCallStates(
    mergeMessageProgress(mergeTrees(incoming.tree, stored.tree), stored.tree),
    stored.tree,
  )
  return {
    ...incoming,
    tree,
    createdAt: Math.min(incoming.createdAt, stored.createdAt),
    updatedAt: Math.max(incoming.updatedAt, stored.updatedAt),
  }
}
