import type { ChatUIMessage } from './chatMessage.ts'
import { getNode, type MessageTree, replaceMessages } from './messageTree.ts'

// Two tabs hold copies of one answer: the tab that streams it saves it, and the other reads it back.
// A save can catch the answer before its stream started (loaded, a mid-stream copy reads `stopped`,
// with no text and no stream to resume); merges that keep their own copy of a message would keep
// that stale copy for good, and the other tab would show "Stopped." over a finished answer. The
// ended copy wins instead. (Only `done` over `stopped`: a copy carrying a stream must not win over
// one whose stream this tab dropped when the user pressed Stop.)

/** True when `other` is the ended form of the message `mine` holds as cut off (`stopped`). */
export function isFurtherAlong(other: ChatUIMessage, mine: ChatUIMessage): boolean {
  return other.id === mine.id && mine.status === 'stopped' && other.status === 'done'
}

/** `preferred` with each message `other` holds further along (see {@link isFurtherAlong}) taken from `other`. */
export function mergeMessageProgress(preferred: MessageTree, other: MessageTree): MessageTree {
  const changed: ChatUIMessage[] = []
  for (const node of other.nodes) {
    const mine = getNode(preferred, node.id)?.message
    if (mine && mine !== node.message && isFurtherAlong(node.message, mine)) changed.push(node.message)
  }
  return changed.length === 0 ? preferred : replaceMessages(preferred, changed)
}
