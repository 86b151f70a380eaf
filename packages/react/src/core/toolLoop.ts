import type { ChatSettleReason } from './chatEngine.ts'
import type { ChatUIMessage } from './chatMessage.ts'
import { type ChatState, type ChatStore, withChangedMessages } from './chatState.ts'
import { mergeMessageProgress } from './messageProgress.ts'
import { appendChild, getNode, type MessageTree, mergeTrees, replaceMessages } from './messageTree.ts'
import type { ChatRequestConfig } from './requestRunner.ts'
import { applyToolCallAction, hasToolResults, stalledAnswerOf, waitingAnswerOf } from './toolCallResume.ts'
import {
  isEnded,
  mergeToolCallStates,
  type StoredToolCall,
  toolCallStatesOf,
  toolResultId,
  toStoredToolCall,
  withToolCallState,
} from './toolCallStates.ts'
import type { ToolCallAction, ToolCallSync } from './toolClaims.ts'
import { startToolRun, type ToolCallView, type ToolRun, toolResultContent } from './toolRunner.ts'

// The tool loop of one chat: runs the calls of an answer, appends their results and asks again
// within the step cap; saves each call's state on its answer; goes on with calls restored from a
// saved thread; and, bound to a thread store, runs an answer's calls in one tab only.

/** The default cap on automatic follow-up requests per user turn. */
export const DEFAULT_MAX_STEPS = 5

/** What the loop needs of its chat engine. */
export interface ToolLoopHost {
  readonly store: ChatStore
  settle(reason: ChatSettleReason): void
  /** Writes the tree (re-walking the active path from `changedFrom`) and chat fields, in one update. */
  setTree(tree: MessageTree, chat?: Partial<ChatState>, changedFrom?: string): void
  /** Streams the follow-up answer under `parentId`. */
  answer(parentId: string, config: ChatRequestConfig): Promise<void>
  /** The config an action runs with (throws when there is none). */
  configOf(own: ChatRequestConfig | undefined): ChatRequestConfig
  /** True while an answer streams or the engine is disposed: nothing new starts then. */
  busy(): boolean
}

/** The tool loop of one chat (see {@link createToolLoop}). */
export interface ToolLoop {
  /** True while calls run or wait in this engine. */
  readonly running: boolean
  /** Runs the calls of an answer that just ended, then asks again within the step cap. */
  run(message: ChatUIMessage, config: ChatRequestConfig): Promise<void>
  /** Aborts running calls and pending waits; their results are appended. True if there were any. */
  stop(): boolean
  /** An approval, denial or UI result (see `ChatEngine.approve`). */
  act(action: Omit<ToolCallAction, 'messageId'>, config: ChatRequestConfig | undefined): void
  /** Merges a tree saved elsewhere (see `ChatEngine.adoptTree`). */
  adopt(tree: MessageTree, prefer?: 'current' | 'adopted'): void
  /** Coordinates with other tabs until the returned function is called. */
  sync(sync: ToolCallSync): () => void
  /** A new user turn: the step budget starts again. */
  resetSteps(): void
}

/** A tool run of this engine: its calls, their answer, and how it lets go of their ownership. */
interface ActiveTools {
  readonly run: ToolRun
  readonly messageId: string
  /** Stops hearing other tabs' actions and, once the results are stored, releases the answer's lock. */
  finish(): void
}

/** Drops the 'running' marks an engine wrote with an answer whose calls it does not run. */
export function dropToolMarks(store: ChatStore, message: ChatUIMessage): void {
  const toolCalls = new Map(store.getState().toolCalls)
  for (const call of message.tool_calls ?? []) toolCalls.delete(call.id)
  store.setState({ toolCalls })
}

/** Creates the tool loop of the chat `host`. */
export function createToolLoop(host: ToolLoopHost): ToolLoop {
  const { store, settle } = host
  let toolRun: ActiveTools | undefined
  /** How tool calls are coordinated with other tabs (bound by a thread store). */
  let bound: ToolCallSync | undefined
  /** Automatic requests sent in this user turn (reset by every user action). */
  let steps = 0

  /**
   * Appends ended tool calls as `role: 'tool'` messages, in call order, under their answer; their
   * ids come from the calls, so two tabs cannot add them twice. `undefined` when already there.
   */
  function appendToolResults(messageId: string, views: readonly ToolCallView[]): string | undefined {
    let tree = store.getState().tree
    const answer = getNode(tree, messageId)?.message
    if (answer && hasToolResults(tree, answer)) return undefined
    let parentId = messageId
    for (const view of views) {
      const message: ChatUIMessage = {
        id: toolResultId(messageId, view.id),
        role: 'tool',
        content: toolResultContent(view),
        name: view.name,
        tool_call_id: view.id,
        status: 'done',
      }
      tree = appendChild(tree, parentId, message)
      parentId = message.id
    }
    host.setTree(tree, undefined, messageId)
    return parentId
  }

  /** Shows a call's new state and, when it is worth saving, saves it on its answer (one write). */
  function recordToolCall(messageId: string, view: ToolCallView) {
    const state = store.getState()
    const toolCalls = new Map(state.toolCalls)
    toolCalls.set(view.id, view)
    const saved = toStoredToolCall(view)
    const node = saved && getNode(state.tree, messageId)
    const message = node && withToolCallState(node.message, view.id, saved)
    if (!message || message === node.message) return store.setState({ toolCalls })
    store.setState({
      tree: replaceMessages(state.tree, [message]),
      ...withChangedMessages(state, [message]),
      toolCalls,
    })
    settle('tool-call')
  }

  /**
   * Runs the tool calls of `message`, then asks again, within the step cap. With `resume`, goes on
   * from saved states (a reload, another tab) holding an ownership taken already.
   */
  async function runTools(
    message: ChatUIMessage,
    config: ChatRequestConfig,
    resume?: {
      states: Record<string, StoredToolCall>
      release: (() => void) | undefined
      action: ToolCallAction
    },
  ): Promise<void> {
    const calls = message.tool_calls ?? []
    const tools = config.tools
    if (!tools || calls.length === 0) return
    const sync = bound
    let release = resume?.release
    if (!resume && sync) {
      // The tab holding the answer's lock runs its calls; others send it their approvals.
      release = await sync.own(message.id)
      if (!release || host.busy() || toolRun) {
        release?.()
        return dropToolMarks(store, message)
      }
    }
    const run = startToolRun(calls, tools, {
      messages: store.getState().messages,
      restored: resume?.states,
      onUpdate: (view) => recordToolCall(message.id, view),
    })
    const unlisten = sync?.listen((action) => {
      if (action.messageId === message.id) applyToolCallAction(run, action)
    })
    const active: ActiveTools = {
      run,
      messageId: message.id,
      finish() {
        unlisten?.()
        if (release) void (sync?.flush() ?? Promise.resolve()).finally(release)
      },
    }
    toolRun = active
    if (resume) applyToolCallAction(run, resume.action)
    const views = await run.done
    // A stop already wrote the results (and ended the loop).
    if (toolRun !== active || host.busy()) return
    toolRun = undefined
    const lastId = appendToolResults(message.id, views)
    settle('tool-call')
    active.finish()
    if (lastId === undefined) return
    if (steps >= (config.maxSteps ?? DEFAULT_MAX_STEPS)) {
      store.setState({ toolLoop: { stoppedAt: 'max-steps', steps } })
      settle('finished')
      return
    }
    steps += 1
    return host.answer(lastId, config)
  }

  /**
   * An approval, denial or UI result: applied to this engine's run of the call, or (a call restored
   * from a saved thread) by whichever tab takes its answer's ownership first; the others post it there.
   */
  function act(action: Omit<ToolCallAction, 'messageId'>, own: ChatRequestConfig | undefined) {
    if (toolRun && applyToolCallAction(toolRun.run, action)) return
    const message = waitingAnswerOf(store.getState(), action.toolCallId)
    if (!message) return
    const config = host.configOf(own)
    const full: ToolCallAction = { ...action, messageId: message.id }
    const resume = (latest: ChatUIMessage, release: (() => void) | undefined) => {
      const states = toolCallStatesOf(latest)
      // A call with no saved state may have run before the page closed: it counts as interrupted.
      for (const call of latest.tool_calls ?? []) states[call.id] ??= { status: 'running' }
      steps = 0
      return runTools(latest, config, { states, release, action: full })
    }
    const sync = bound
    if (!sync) return void resume(message, undefined)
    void (async () => {
      const release = await sync.own(message.id)
      if (!release) return sync.post(full)
      // The owner's lock was free: read what is stored, in case another tab ended these calls.
      const stored = await sync.load().catch(() => undefined)
      if (stored) adopt(stored, 'current', false)
      const latest = waitingAnswerOf(store.getState(), action.toolCallId)
      if (!latest || host.busy() || toolRun) return release()
      await resume(latest, release)
    })()
  }

  /**
   * Ends the calls of a loaded answer that none will end (running when its page closed, or ended
   * before their results were appended): running ones become "interrupted" errors, the results
   * are appended and the loop pauses (`toolLoop.stoppedAt: 'interrupted'`; `continue()` sends them).
   */
  async function endStalled() {
    const stalled = stalledAnswerOf(store.getState())
    if (!stalled || toolRun || host.busy()) return
    const sync = bound
    const release = sync ? await sync.own(stalled.id) : undefined
    if (sync && !release) return // another tab is running them
    try {
      const stored = sync ? await sync.load().catch(() => undefined) : undefined
      if (stored) adopt(stored, 'current', false)
      const latest = stalledAnswerOf(store.getState())
      if (!latest || toolRun || host.busy()) return
      const states = toolCallStatesOf(latest)
      const restored: Record<string, StoredToolCall> = {}
      for (const call of latest.tool_calls ?? []) {
        const state = states[call.id]
        restored[call.id] = state && isEnded(state.status) ? state : { status: 'running' }
      }
      const calls = latest.tool_calls ?? []
      const options = {
        messages: store.getState().messages,
        restored,
        onUpdate: (view: ToolCallView) => recordToolCall(latest.id, view),
      }
      // No tool is looked up: every call ends from its saved state.
      const views = await startToolRun(calls, {}, options).done
      if (toolRun || host.busy()) return
      if (appendToolResults(latest.id, views) === undefined) return
      store.setState({ toolLoop: { stoppedAt: 'interrupted', steps: 0 } })
      settle('tool-call')
      await sync?.flush()
    } finally {
      release?.()
    }
  }

  function adopt(tree: MessageTree, prefer: 'current' | 'adopted' = 'current', endStalledCalls = true) {
    if (host.busy()) return
    const mine = store.getState().tree
    const [first, second] = prefer === 'current' ? [mine, tree] : [tree, mine]
    const merged =
      mine.nodes.length === 0
        ? tree
        : mergeToolCallStates(mergeMessageProgress(mergeTrees(first, second), second), second)
    if (merged !== mine) host.setTree(merged)
    if (endStalledCalls) void endStalled()
  }

  return {
    get running() {
      return toolRun !== undefined
    },
    run: (message, config) => runTools(message, config),
    stop() {
      const tools = toolRun
      if (!tools) return false
      toolRun = undefined
      appendToolResults(tools.messageId, tools.run.stop())
      settle('finished')
      tools.finish()
      return true
    },
    act,
    adopt: (tree, prefer) => adopt(tree, prefer),
    sync(next) {
      bound = next
      return () => {
        if (bound === next) bound = undefined
        next.close()
      }
    },
    resetSteps() {
      steps = 0
    },
  }
}
