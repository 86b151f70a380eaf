import { useMemo } from 'react'
import { useStore } from 'zustand'
import { selectMessage } from './core/chatState.ts'
import { selectToolCalls } from './core/selectToolCalls.ts'
import type { ToolCallView } from './core/toolRunner.ts'
import { useChatEngine } from './useChatEngine.ts'

/**
 * The tool calls of one message of the chat `chatId`, each with its state (arguments streaming,
 * awaiting approval or a result, running, done, error, denied). Re-renders when this message or a
 * tool call changes, not when another message streams.
 */
export function useToolCalls(chatId: string, messageId: string): readonly ToolCallView[] {
  const store = useChatEngine(chatId).store
  const message = useStore(store, (state) => selectMessage(state, messageId))
  const toolCalls = useStore(store, (state) => state.toolCalls)
  // The ids of the tool messages answering this message's calls: a string, so it compares by value.
  const answers = useStore(store, (state) => {
    const ids = new Set(message?.tool_calls?.map((call) => call.id))
    if (ids.size === 0) return ''
    let key = ''
    for (const other of state.messages) {
      if (other.role === 'tool' && other.tool_call_id && ids.has(other.tool_call_id)) key += `${other.id},`
    }
    return key
  })
  // biome-ignore lint/correctness/useExhaustiveDependencies: toolCalls and answers are what the selection reads from the store
  return useMemo(
    () => (message ? selectToolCalls(store.getState(), message) : []),
    [store, message, toolCalls, answers],
  )
}
