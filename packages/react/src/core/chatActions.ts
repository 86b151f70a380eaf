import type { ChatRequestMessage } from '@kindling/client'
import type { ChatEngine } from './chatEngine.ts'
import type { ChatMessageInput, ChatUIMessage } from './chatMessage.ts'
import type { MessageTree, MessageTreeData } from './messageTree.ts'
import type { ChatRequestConfig } from './requestRunner.ts'

/**
 * Everything one can do to a chat, bound to a request config: what `useChatActions` returns.
 * `send`, `regenerate`, `edit` and `handleSubmit` settle when the answer ended (never reject:
 * failures are state).
 */
export interface ChatActions {
  /** Appends a user message (text or a whole message) and streams the answer; stops a running answer first. */
  send(message: string | ChatMessageInput): Promise<void>
  /** Stops the answer in progress, keeping its text (`status: 'stopped'`) and closing the connection. */
  stop(): void
  /** Asks again for the last answer (or `messageId`'s): the old one stays as a sibling. Also the retry after an error. */
  regenerate(messageId?: string): Promise<void>
  /** Adds an edited copy of a message as its sibling (the original stays) and asks again. */
  edit(messageId: string, content: string): Promise<void>
  /** Shows this message's branch. */
  selectBranch(messageId: string): void
  /** Shows the sibling `offset` places away (`-1` previous, `1` next). */
  switchSibling(messageId: string, offset: number): void
  /** Replaces the conversation with one branch of messages (stopping any answer in progress). */
  setMessages(
    messages:
      | readonly ChatMessageInput[]
      | ((messages: readonly ChatUIMessage[]) => readonly ChatMessageInput[]),
  ): void
  /** Replaces the whole tree (stopping any answer in progress). */
  setTree(tree: MessageTree): void
  /** The whole tree as plain data. */
  exportTree(): MessageTreeData
  /** Replaces the tree with exported data (throws when its links are broken). */
  importTree(data: MessageTreeData): void
  /** The active path as plain OpenAI `messages`. */
  exportActivePath(): ChatRequestMessage[]
  /** Stops and returns to the initial messages, with an empty input. */
  reset(): void
  /** Lets a tool call awaiting approval run. */
  approve(toolCallId: string): void
  /** Denies a tool call awaiting approval (the model is told the user denied it). */
  deny(toolCallId: string): void
  /** Gives the result of a tool call awaiting one (a tool without `execute`), e.g. from a form. */
  addToolResult(toolCallId: string, result: unknown): void
  /** Goes on after the tool loop paused at `maxSteps` (a fresh step budget); resolves when it ends. */
  continue(): Promise<void>
  /** Sets the input box's text, shared by every consumer of the chat. */
  setInput(input: string): void
  /** For a `<form onSubmit>`: sends `input` (unless blank) and clears it; resolves when the answer ends. */
  handleSubmit(event?: { preventDefault(): void }): Promise<void>
}

/**
 * The actions of `engine`, each request run with `config()` (or, when it returns `undefined`, the
 * config the chat was given by another consumer). Built once per engine: identities are stable.
 */
export function bindChatActions(
  engine: ChatEngine,
  config: () => ChatRequestConfig | undefined,
): ChatActions {
  return {
    send: (message) => engine.send(message, config()),
    stop: () => engine.stop(),
    regenerate: (messageId) => engine.regenerate(config(), messageId),
    edit: (messageId, content) => engine.edit(messageId, content, config()),
    selectBranch: (messageId) => engine.selectBranch(messageId),
    switchSibling: (messageId, offset) => engine.switchSibling(messageId, offset),
    setMessages: (messages) => engine.setMessages(messages),
    setTree: (tree) => engine.setTree(tree),
    exportTree: () => engine.exportTree(),
    importTree: (data) => engine.importTree(data),
    exportActivePath: () => engine.exportActivePath(),
    reset: () => engine.reset(),
    setInput: (input) => engine.setInput(input),
    approve: (toolCallId) => engine.approve(toolCallId, config()),
    deny: (toolCallId) => engine.deny(toolCallId, config()),
    addToolResult: (toolCallId, result) => engine.addToolResult(toolCallId, result, config()),
    continue: () => engine.continue(config()),
    handleSubmit(event) {
      event?.preventDefault()
      const input = engine.store.getState().input
      if (input.trim() === '') return Promise.resolve()
      engine.setInput('')
      return engine.send(input, config())
    },
  }
}
