import type { ChatUIMessage } from './chatMessage.ts'
import type { ChatState } from './chatState.ts'
import { getNode, type MessageTree } from './messageTree.ts'
import { isWaiting, toolCallStatesOf, toolResultId } from './toolCallStates.ts'
import type { ToolCallAction } from './toolClaims.ts'
import type { ToolRun } from './toolRunner.ts'

// Reading a loaded thread for tool calls to go on with: which answer still waits for the user,
// and whether its results were already appended (by this tab before a reload, or by another).

/** True when the results of `message`'s calls were appended already (here or in another tab). */
export function hasToolResults(tree: MessageTree, message: ChatUIMessage): boolean {
  const first = message.tool_calls?.[0]
  return first !== undefined && getNode(tree, toolResultId(message.id, first.id)) !== undefined
}

/** The answer on the active path whose call `toolCallId` waits for the user (saved state), if any. */
export function waitingAnswerOf(state: ChatState, toolCallId: string): ChatUIMessage | undefined {
  for (let index = state.messages.length - 1; index >= 0; index--) {
    const message = state.messages[index] as ChatUIMessage
    if (!message.tool_calls?.some((call) => call.id === toolCallId)) continue
    if (!isWaiting(toolCallStatesOf(message)[toolCallId]?.status)) return undefined
    return hasToolResults(state.tree, message) ? undefined : message
  }
  return undefined
}

/**
 * The active path's last message when it is an answer whose calls were saved mid-way and none of
 * them waits for the user (running when the page closed, or all ended before the results were
 * appended): a loaded thread ends it so it does not hang.
 */
export function stalledAnswerOf(state: ChatState): ChatUIMessage | undefined {
  const last = state.messages.at(-1)
  if (last?.role !== 'assistant' || !last.tool_calls?.length || !last.toolCallStates) return undefined
  const states = toolCallStatesOf(last)
  if (last.tool_calls.some((call) => isWaiting(states[call.id]?.status))) return undefined
  return hasToolResults(state.tree, last) ? undefined : last
}

/** Applies an action to a run: false when its call is not waiting for that action there. */
export function applyToolCallAction(run: ToolRun, action: Omit<ToolCallAction, 'messageId'>): boolean {
  if (action.kind === 'approve') return run.approve(action.toolCallId)
  if (action.kind === 'deny') return run.deny(action.toolCallId)
  return run.addResult(action.toolCallId, action.result)
}
