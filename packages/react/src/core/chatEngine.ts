import type { ChatAccumulatorState, ChatChoiceState, ChatRequestMessage } from '@kindling/client'
import { createChatAccumulator, toChatMessage } from '@kindling/client'
import {
  type ChatMessageInput,
  type ChatUIMessage,
  createMessageId,
  toRequestMessages,
  toUIMessage,
} from './chatMessage.ts'
import {
  type ChatState,
  type ChatStore,
  chatStateOf,
  createChatStore,
  treeWithBranch,
  withChangedMessages,
  withTree,
} from './chatState.ts'
import {
  appendChild,
  getNode,
  type MessageTree,
  type MessageTreeData,
  pathTo,
  replaceMessages,
  siblingPosition,
  treeFromData,
  treeFromMessages,
  treeToData,
} from './messageTree.ts'
import { type ChatRequestConfig, type RequestOutcome, runChatRequest } from './requestRunner.ts'
import {
  createResumeScheduler,
  openResumedStream,
  type ResumableMessage,
  type StreamRef,
  stoppedByAnotherReader,
  streamRefOf,
  withStreamRef,
} from './streamResume.ts'
import type { ToolCallSync } from './toolClaims.ts'
import { createToolLoop, DEFAULT_MAX_STEPS, dropToolMarks } from './toolLoop.ts'
import type { ToolCallView } from './toolRunner.ts'

export { DEFAULT_MAX_STEPS }

// One chat: a vanilla store holding its message tree, and the actions on it. The parts it
// composes (the tree, the request runner, the frame batcher) each do one job; this file decides
// what each action does to the tree.

/**
 * Why the chat's tree changed in a way worth saving (never per token or frame). `started`: an answer
 * from a resumable server began streaming, and its message now names the stream to resume after a reload.
 */
export type ChatSettleReason = 'finished' | 'edited' | 'branch' | 'replaced' | 'tool-call' | 'started'

/** How a chat starts. */
export interface ChatEngineOptions {
  /** The messages a new chat starts with (one branch), and what `reset()` returns to. */
  initialMessages?: readonly ChatMessageInput[] | undefined
  /** A whole tree to start from (a loaded thread); wins over `initialMessages`. */
  tree?: MessageTree | undefined
}

/** The actions of one chat. Sending while an answer streams stops it first (stop-then-send). */
export interface ChatEngine {
  readonly store: ChatStore
  /** Adds a user message under the active path's last message and streams the answer. */
  send(message: string | ChatMessageInput, config?: ChatRequestConfig): Promise<void>
  /** Stops the answer in progress, keeping its text with `status: 'stopped'`. */
  stop(): void
  /**
   * Asks again for an answer: a new sibling of `messageId` (default: the active path's last
   * answer), or an answer to a trailing user message. The old answer stays, one branch away.
   */
  regenerate(config?: ChatRequestConfig, messageId?: string): Promise<void>
  /** Adds an edited copy of a message as its sibling (the original stays) and asks again. */
  edit(messageId: string, content: string, config?: ChatRequestConfig): Promise<void>
  /** Shows this message's branch (it and its ancestors become active). */
  selectBranch(messageId: string): void
  /** Shows the sibling `offset` places away from this message (`-1` previous, `1` next). */
  switchSibling(messageId: string, offset: number): void
  /** Replaces the whole conversation with one branch of messages (stopping any answer). */
  setMessages(
    messages:
      | readonly ChatMessageInput[]
      | ((messages: readonly ChatUIMessage[]) => readonly ChatMessageInput[]),
  ): void
  /** Replaces the whole tree (stopping any answer). */
  setTree(tree: MessageTree): void
  /** The whole tree as plain data, for export and persistence. */
  exportTree(): MessageTreeData
  /** Replaces the whole tree with exported data, after checking its links (throws if they are broken). */
  importTree(data: MessageTreeData): void
  /** The active path as plain OpenAI `messages`, ready to send anywhere. */
  exportActivePath(): ChatRequestMessage[]
  /**
   * Lets a tool call awaiting approval run. A call restored from a saved thread runs with `config`
   * (default: the latest registered one), in whichever tab owns its answer (see `syncToolCalls`).
   */
  approve(toolCallId: string, config?: ChatRequestConfig): void
  /** Denies a tool call awaiting approval: the model is told the user denied it. */
  deny(toolCallId: string, config?: ChatRequestConfig): void
  /** Gives the result of a tool call awaiting one (a tool without `execute`). */
  addToolResult(toolCallId: string, result: unknown, config?: ChatRequestConfig): void
  /**
   * Sends the follow-up request after tool results (when the loop paused at `maxSteps`), with a
   * fresh step budget. Does nothing unless the active path ends with a tool result.
   */
  continue(config?: ChatRequestConfig): Promise<void>
  /** Sets the input box text. */
  setInput(input: string): void
  /** Stops and goes back to the initial messages, with an empty input. */
  reset(): void
  /**
   * Calls `listener` after each change worth saving: an answer ended (done, stopped or failed), a
   * message was edited, a branch was chosen, the messages were replaced. Never per token.
   */
  onSettle(listener: (reason: ChatSettleReason, state: ChatState) => void): () => void
  /**
   * Says where actions called without a config get theirs (a hook's latest options); the latest
   * registration wins until it is removed with the returned function.
   */
  configure(config: () => ChatRequestConfig): () => void
  /**
   * Takes a tree saved elsewhere (a loaded thread, another tab's save) without stopping anything:
   * messages it lacks are added, each tool call keeps its furthest state, and calls left running
   * by a closed page end as "interrupted" errors (never run again by themselves). Where both
   * trees hold a message or a branch choice, the current one wins, or with `prefer: 'adopted'`
   * (a thread being opened) the adopted one.
   */
  adoptTree(tree: MessageTree, prefer?: 'current' | 'adopted'): void
  /** Coordinates tool calls with other tabs on the same stored thread, until the returned function is called. */
  syncToolCalls(sync: ToolCallSync): () => void
  /** Stops (no callback is called for a stopped answer) and ignores every later call. */
  dispose(): void
}

interface Run {
  readonly controller: AbortController
  /** One node per choice: `n` > 1 alternatives are siblings. */
  readonly nodeIds: string[]
  readonly parentId: string
  readonly startedAt: number
  readonly model: string
  /** The choice each node last showed, to skip choices a frame did not touch. */
  readonly shown: (ChatChoiceState | undefined)[]
  /** The latest accumulated answer and first-token time, for a stop between frames. */
  accumulator: ChatAccumulatorState
  firstTokenAt: number | undefined
  serverTimeToFirstToken: number | undefined
  /** The server stream, when it can be resumed; and the text a resumed answer had before. */
  stream?: StreamRef | undefined
  keptContent?: string | undefined
}

/** The assistant message of one choice of a run. O(size of the new text) thanks to joined pieces. */
function answerOf(
  run: Run,
  id: string,
  choice: ChatChoiceState | undefined,
  accumulator: ChatAccumulatorState,
  status: ChatUIMessage['status'],
  firstTokenAt: number | undefined,
): ChatUIMessage {
  const message = choice ? toChatMessage(choice) : undefined
  return {
    id,
    role: 'assistant',
    content: typeof message?.content === 'string' ? message.content : (run.keptContent ?? ''),
    reasoning_content: message?.reasoning_content ?? undefined,
    tool_calls: message?.tool_calls ?? undefined,
    status,
    finish_reason: choice?.finish_reason ?? null,
    usage: accumulator.usage,
    model: accumulator.model || run.model,
    timing: {
      startedAt: run.startedAt,
      firstTokenAt,
      finishedAt: status === 'streaming' ? undefined : Date.now(),
      serverTimeToFirstToken: run.serverTimeToFirstToken,
    },
    ...(status === 'streaming' && run.stream ? { stream: run.stream } : {}),
  }
}

/** Creates one chat: its store and its actions. */
export function createChatEngine(options: ChatEngineOptions = {}): ChatEngine {
  const initialMessages = options.initialMessages ?? []
  const initialTree = () => treeFromMessages(initialMessages.map(toUIMessage))
  const store = createChatStore(options.tree ?? initialTree())
  const settleListeners = new Set<(reason: ChatSettleReason, state: ChatState) => void>()
  let current: Run | undefined
  let disposed = false
  const configs: (() => ChatRequestConfig)[] = []
  const resumer = createResumeScheduler({
    state: store.getState,
    busy: () => disposed || current !== undefined || tools.running,
    config: () => configs.at(-1)?.(),
    resume: (message, config) =>
      void answer(getNode(store.getState().tree, message.id)?.parentId as string, config, message),
  })

  /** The config an action runs with: its own, else the latest registered one. */
  function configOf(own: ChatRequestConfig | undefined): ChatRequestConfig {
    const config = own ?? configs.at(-1)?.()
    if (!config) {
      throw new Error(
        'This chat has no request config (model, client): pass one, or mount a hook that gives the chat its options.',
      )
    }
    return config
  }

  const settle = (reason: ChatSettleReason) => {
    const state = store.getState()
    for (const listener of settleListeners) listener(reason, state)
  }

  /** Writes the tree (re-walking the active path) and chat fields in one store update. */
  function setTree(tree: MessageTree, chat?: Partial<ChatState>, changedFrom?: string) {
    store.setState({ ...withTree(store.getState(), tree, changedFrom), ...chat })
  }

  /** Writes what a run produced so far into its nodes, in one store update with `chat` fields. */
  function writeRun(
    run: Run,
    accumulator: ChatAccumulatorState,
    status: ChatUIMessage['status'],
    firstTokenAt: number | undefined,
    chat?: Partial<ChatState>,
    extra?: Partial<ChatUIMessage>,
  ): ChatUIMessage[] {
    let state = store.getState()
    let tree = state.tree
    // A choice beyond the first adds a sibling node (once), shown only when chosen.
    for (let index = run.nodeIds.length; index < accumulator.choices.length; index++) {
      const id = createMessageId()
      tree = appendChild(
        tree,
        run.parentId,
        answerOf(run, id, undefined, accumulator, status, undefined),
        false,
      )
      run.nodeIds.push(id)
    }
    if (tree !== state.tree) {
      store.setState(withTree(state, tree))
      state = store.getState()
    }
    const changed: ChatUIMessage[] = []
    run.nodeIds.forEach((id, index) => {
      const choice = accumulator.choices[index]
      if (status === 'streaming' && choice === run.shown[index]) return
      run.shown[index] = choice
      if (!getNode(tree, id)) return
      let message = answerOf(run, id, choice, accumulator, status, firstTokenAt)
      if (extra) message = { ...message, ...extra }
      changed.push(message)
    })
    tree = replaceMessages(tree, changed)
    store.setState({ tree, ...withChangedMessages(state, changed), ...chat })
    return changed
  }

  /** The store's tool calls plus the shown answer's calls of a finished run, as 'running'. */
  function pendingToolCalls(
    run: Run,
    accumulator: ChatAccumulatorState,
  ): Map<string, ToolCallView> | undefined {
    const { messageIndex, toolCalls } = store.getState()
    const index = run.nodeIds.findIndex((id) => messageIndex.has(id))
    const choice = accumulator.choices[index]
    const calls = choice ? (toChatMessage(choice).tool_calls ?? []) : []
    if (calls.length === 0) return undefined
    const next = new Map(toolCalls)
    for (const call of calls) {
      next.set(call.id, {
        id: call.id,
        name: call.function.name,
        status: 'running',
        argumentsText: call.function.arguments,
        args: undefined,
      })
    }
    return next
  }

  const tools = createToolLoop({
    store,
    settle,
    setTree,
    answer: (parentId, config) => answer(parentId, config),
    configOf,
    busy: () => disposed || current !== undefined,
  })

  function stop() {
    tools.stop()
    const run = current
    if (!run) return
    current = undefined
    run.controller.abort()
    writeRun(run, run.accumulator, 'stopped', run.firstTokenAt, { status: 'ready', error: undefined })
    settle('finished')
  }

  /**
   * Streams an answer to the path ending at `parentId`, as a new (active) child of it; or continues
   * `resumed` (a child of `parentId`) from its stream.
   */
  async function answer(
    parentId: string,
    config: ChatRequestConfig,
    resumed?: ResumableMessage,
  ): Promise<void> {
    if (disposed) return
    stop()
    const run: Run = {
      controller: new AbortController(),
      nodeIds: [resumed?.id ?? createMessageId()],
      parentId,
      startedAt: resumed?.timing?.startedAt ?? Date.now(),
      model: resumed?.model ?? config.model,
      shown: [],
      accumulator: createChatAccumulator(),
      firstTokenAt: undefined,
      serverTimeToFirstToken: undefined,
      stream: resumed?.stream,
      keptContent: resumed?.content,
    }
    current = run
    const placeholder: ChatUIMessage = {
      ...resumed,
      id: run.nodeIds[0] as string,
      role: 'assistant',
      content: resumed?.content ?? '',
      status: 'streaming',
      model: run.model,
      timing: { startedAt: run.startedAt },
    }
    const history = pathTo(store.getState().tree, parentId).map(
      (id) => getNode(store.getState().tree, id)?.message as ChatUIMessage,
    )
    const tree = store.getState().tree
    setTree(resumed ? replaceMessages(tree, [placeholder]) : appendChild(tree, parentId, placeholder), {
      status: 'submitted',
      error: undefined,
      toolLoop: undefined,
    })
    const live = () => current === run && !disposed
    const outcome: RequestOutcome = await runChatRequest(
      config,
      toRequestMessages(history),
      {
        received(accumulator, firstTokenAt) {
          run.accumulator = accumulator
          run.firstTokenAt = firstTokenAt
        },
        opened: () => live() && store.setState({ status: 'streaming' }),
        frame: (accumulator, firstTokenAt) =>
          live() && writeRun(run, accumulator, 'streaming', firstTokenAt, { status: 'streaming' }),
        started(stream) {
          // Saved once as it starts (never per token): a reload resumes it from this stream.
          const ref = streamRefOf(stream)
          if (!live() || !ref || resumed) return
          run.stream = ref
          store.setState(withStreamRef(store.getState(), run.nodeIds, ref))
          settle('started')
        },
      },
      run.controller.signal,
      resumed ? openResumedStream(config, resumed.stream) : undefined,
    )
    if (outcome.kind === 'aborted' || !live()) return
    current = undefined
    run.serverTimeToFirstToken = outcome.serverTimeToFirstToken
    if (outcome.kind === 'done') {
      // Calls about to run are 'running' in the same write that ends the answer: no state between.
      const pending = config.tools ? pendingToolCalls(run, outcome.accumulator) : undefined
      const written = writeRun(run, outcome.accumulator, 'done', outcome.firstTokenAt, {
        status: 'ready',
        ...(pending ? { toolCalls: pending } : {}),
      })
      settle('finished')
      const shown = written.find((message) => store.getState().messageIndex.has(message.id)) ?? written[0]
      if (shown) config.onFinish?.(shown, outcome.response)
      // onFinish may have started something else: then the calls are not this engine's to run.
      if (shown && current === undefined && !tools.running && !disposed) await tools.run(shown, config)
      // Not run after all: drop the 'running' marks written with the answer.
      else if (pending && shown && !disposed) dropToolMarks(store, shown)
    } else if (stoppedByAnotherReader(outcome.error)) {
      // Another tab stopped the answer this chat followed: stopped here too, its text kept.
      writeRun(run, outcome.accumulator, 'stopped', outcome.firstTokenAt, {
        status: 'ready',
        error: undefined,
      })
      settle('finished')
    } else {
      const { error } = outcome
      const written = writeRun(
        run,
        outcome.accumulator,
        'error',
        outcome.firstTokenAt,
        { status: 'error', error },
        {
          error,
        },
      )
      settle('finished')
      if (written[0]) config.onError?.(error, written[0])
    }
  }

  function selectBranch(messageId: string) {
    if (disposed) return
    const state = store.getState()
    const next = treeWithBranch(state, messageId)
    if (next === state.tree) return
    setTree(next, undefined, messageId)
    settle('branch')
  }

  /** The message a new request should follow, for `regenerate(messageId?)`. */
  function regenerateParent(messageId: string | undefined): string | undefined {
    const state = store.getState()
    const id = messageId ?? state.messageIds.at(-1)
    const node = id === undefined ? undefined : getNode(state.tree, id)
    if (!node) return undefined
    return node.message.role === 'assistant' ? (node.parentId ?? undefined) : node.id
  }

  // A loaded tree may end with an answer cut off mid-stream: continue it once a config is given.
  resumer.check()

  return {
    store,
    send(message, config) {
      if (disposed) return Promise.resolve()
      const resolved = configOf(config)
      stop()
      tools.resetSteps()
      const input = typeof message === 'string' ? { role: 'user' as const, content: message } : message
      const user = toUIMessage(input)
      const state = store.getState()
      setTree(appendChild(state.tree, state.messageIds.at(-1) ?? null, user))
      return answer(user.id, resolved)
    },
    stop,
    regenerate(config, messageId) {
      if (disposed) return Promise.resolve()
      const resolved = configOf(config)
      stop()
      tools.resetSteps()
      const parentId = regenerateParent(messageId)
      return parentId === undefined ? Promise.resolve() : answer(parentId, resolved)
    },
    edit(messageId, content, config) {
      if (disposed) return Promise.resolve()
      const resolved = configOf(config)
      stop()
      tools.resetSteps()
      const node = getNode(store.getState().tree, messageId)
      if (!node) return Promise.resolve()
      const edited: ChatUIMessage = {
        ...node.message,
        id: createMessageId(),
        content,
        parts: undefined,
        attachments: undefined,
        status: 'done',
        error: undefined,
      }
      setTree(appendChild(store.getState().tree, node.parentId, edited))
      settle('edited')
      return answer(edited.id, resolved)
    },
    selectBranch,
    switchSibling(messageId, offset) {
      const siblings = siblingPosition(store.getState().tree, messageId)
      const target = siblings?.ids[siblings.index + offset]
      if (target !== undefined) selectBranch(target)
    },
    setMessages(next) {
      if (disposed) return
      stop()
      const messages = typeof next === 'function' ? next(store.getState().messages) : next
      setTree(treeFromMessages(messages.map(toUIMessage)), { status: 'ready', error: undefined })
      settle('replaced')
    },
    setTree(tree) {
      if (disposed) return
      stop()
      setTree(tree, { status: 'ready', error: undefined })
      settle('replaced')
      resumer.check()
    },
    exportTree: () => treeToData(store.getState().tree),
    importTree(data) {
      if (disposed) return
      const tree = treeFromData(data)
      stop()
      setTree(tree, { status: 'ready', error: undefined })
      settle('replaced')
      resumer.check()
    },
    exportActivePath: () => toRequestMessages(store.getState().messages),
    approve(toolCallId, config) {
      if (!disposed) tools.act({ kind: 'approve', toolCallId }, config)
    },
    deny(toolCallId, config) {
      if (!disposed) tools.act({ kind: 'deny', toolCallId }, config)
    },
    addToolResult(toolCallId, result, config) {
      if (!disposed) tools.act({ kind: 'result', toolCallId, result }, config)
    },
    adoptTree(tree, prefer) {
      tools.adopt(tree, prefer)
      resumer.check()
    },
    syncToolCalls: (sync) => tools.sync(sync),
    continue(config) {
      if (disposed) return Promise.resolve()
      const resolved = configOf(config)
      const last = store.getState().messages.at(-1)
      if (last?.role !== 'tool' || current || tools.running) return Promise.resolve()
      tools.resetSteps()
      return answer(last.id, resolved)
    },
    setInput(input) {
      if (!disposed) store.setState({ input })
    },
    reset() {
      if (disposed) return
      stop()
      store.setState(chatStateOf(initialTree()))
      settle('replaced')
    },
    configure(config) {
      configs.push(config)
      resumer.check()
      return () => {
        const index = configs.lastIndexOf(config)
        if (index >= 0) configs.splice(index, 1)
      }
    },
    onSettle(listener) {
      settleListeners.add(listener)
      return () => settleListeners.delete(listener)
    },
    dispose() {
      if (current || tools.running) stop()
      disposed = true
      settleListeners.clear()
    },
  }
}
