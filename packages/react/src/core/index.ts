// The public API of @kindling/react/core: the framework-free chat engine. Nothing here imports React.

export { bindChatActions, type ChatActions } from './chatActions.ts'
export {
  type ChatEngine,
  type ChatEngineOptions,
  type ChatSettleReason,
  createChatEngine,
  DEFAULT_MAX_STEPS,
} from './chatEngine.ts'
export {
  type ChatMessageInput,
  type ChatUIMessage,
  createMessageId,
  type MessageAttachment,
  type MessageTiming,
  toRequestMessage,
  toRequestMessages,
  toUIMessage,
} from './chatMessage.ts'
export {
  type ChatRegistry,
  type CompletionRegistry,
  createChatRegistry,
  createCompletionRegistry,
} from './chatRegistry.ts'
export {
  type ChatState,
  type ChatStore,
  selectMessage,
  selectSiblings,
  type ToolLoopState,
} from './chatState.ts'
export {
  type CompletionEngine,
  type CompletionRequestConfig,
  createCompletionEngine,
} from './completionEngine.ts'
export type {
  CompletionChoiceView,
  CompletionOutcome,
  CompletionState,
  CompletionStore,
} from './completionStore.ts'
export {
  animationFrameScheduler,
  type BatchInterval,
  createFrameBatcher,
  type FrameBatcher,
  type FrameBatcherOptions,
  type FrameScheduler,
  timeoutScheduler,
} from './frameBatcher.ts'
export {
  createLifetimeRegistry,
  type LifetimeRegistry,
  type RetainOptions,
  type Stoppable,
} from './lifetimeRegistry.ts'
export { type MessageStats, messageStats } from './messageStats.ts'
export { messagesToNotify, subscribeToMessage } from './messageSubscriptions.ts'
export {
  activePathIds,
  addSibling,
  appendChild,
  emptyTree,
  getNode,
  type MessageNode,
  type MessageTree,
  type MessageTreeData,
  mergeTrees,
  type SiblingPosition,
  selectBranch,
  siblingPosition,
  switchSibling,
  treeFromData,
  treeFromMessages,
  treeToData,
} from './messageTree.ts'
export { createObjectEngine, type ObjectEngine, type ObjectRequestConfig } from './objectEngine.ts'
export { createObjectRegistry, type ObjectRegistry } from './objectRegistry.ts'
export {
  type ObjectFormatOptions,
  type ObjectOf,
  type ObjectSchema,
  toResponseFormat,
} from './objectSchema.ts'
export {
  createObjectCompletionStore,
  type ObjectCompletionState,
  type ObjectCompletionStore,
} from './objectStore.ts'
export type { PersistenceAdapter, PersistenceAdapterOptions } from './persistence/adapter.ts'
export {
  createIndexedDbAdapter,
  type IndexedDbAdapterOptions,
  readQuarantine,
} from './persistence/indexedDbAdapter.ts'
export {
  createListSnapshot,
  type ListSnapshot,
  type ListSnapshotStorage,
} from './persistence/listSnapshot.ts'
export {
  createMemoryAdapter,
  type MemoryAdapter,
  type QuarantinedRecord,
} from './persistence/memoryAdapter.ts'
export {
  type PersistenceIssueKind,
  PersistenceRecordError,
  THREAD_RECORD_VERSION,
  type ThreadMeta,
  type ThreadRecord,
} from './persistence/threadRecord.ts'
export {
  type ChatRequestConfig,
  type RequestOutcome,
  type RequestSink,
  runChatRequest,
} from './requestRunner.ts'
export type { StreamedRequestConfig } from './requestSlot.ts'
export { type MessageObject, selectMessageObject } from './selectMessageObject.ts'
export { selectToolCalls } from './selectToolCalls.ts'
export { type ChatMessageStatus, type ChatStatus, isBusy } from './status.ts'
export { type ResumableMessage, type StreamRef, StreamResumeError } from './streamResume.ts'
export {
  createThreadId,
  createThreadStore,
  defaultTitle,
  type ThreadListState,
  type ThreadStore,
  type ThreadStoreOptions,
  type TitleGenerator,
} from './threadStore.ts'
export { type StoredToolCall, toolCallStatesOf } from './toolCallStates.ts'
export {
  createToolCallSync,
  type ToolCallAction,
  type ToolCallSync,
} from './toolClaims.ts'
export {
  startToolRun,
  type ToolCallStatus,
  type ToolCallView,
  type ToolRun,
  toolResultContent,
} from './toolRunner.ts'
export {
  defineTool,
  type JsonSchema,
  type ToolContext,
  type ToolDefinition,
  type ToolSet,
  toWireTools,
} from './tools.ts'
