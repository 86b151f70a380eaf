// The public API of @kindling/react: the hooks, and the engine's types they hand out. The engine
// itself (stores, trees, registries, the batcher) is `@kindling/react/core`.

export type { ChatActions } from './core/chatActions.ts'
export type { ChatEngine } from './core/chatEngine.ts'
export type {
  ChatMessageInput,
  ChatUIMessage,
  MessageAttachment,
  MessageTiming,
} from './core/chatMessage.ts'
export type { ChatState, ChatStore, ToolLoopState } from './core/chatState.ts'
export type { CompletionRequestConfig } from './core/completionEngine.ts'
export type {
  CompletionChoiceView,
  CompletionOutcome,
  CompletionState,
} from './core/completionStore.ts'
export type { BatchInterval, FrameScheduler } from './core/frameBatcher.ts'
export { type MessageStats, messageStats } from './core/messageStats.ts'
export type { MessageNode, MessageTree, MessageTreeData } from './core/messageTree.ts'
export type { ObjectRequestConfig } from './core/objectEngine.ts'
export type { ObjectFormatOptions, ObjectOf, ObjectSchema } from './core/objectSchema.ts'
export type { ObjectCompletionState } from './core/objectStore.ts'
export type { ThreadMeta } from './core/persistence/threadRecord.ts'
export type { ChatRequestConfig } from './core/requestRunner.ts'
export { type MessageObject, selectMessageObject } from './core/selectMessageObject.ts'
export { selectToolCalls } from './core/selectToolCalls.ts'
export type { ChatMessageStatus, ChatStatus } from './core/status.ts'
export { type StreamRef, StreamResumeError } from './core/streamResume.ts'
export type { ThreadListState, ThreadStore } from './core/threadStore.ts'
export type { ToolCallStatus, ToolCallView } from './core/toolRunner.ts'
export {
  defineTool,
  type JsonSchema,
  type ToolContext,
  type ToolDefinition,
  type ToolSet,
} from './core/tools.ts'
export {
  getDefaultChatRegistry,
  KindlingProvider,
  type KindlingProviderProps,
  useKindlingClient,
} from './KindlingProvider.tsx'
export { type UseChatActionsOptions, useChatActions } from './useChatActions.ts'
export {
  type UseChatCompletionOptions,
  type UseChatCompletionResult,
  useChatCompletion,
} from './useChatCompletion.ts'
export { useChatMessageSelector } from './useChatMessageSelector.ts'
export {
  type MessageSiblings,
  useChatMessage,
  useChatMessageIds,
  useChatStatus,
  useChatStore,
  useMessageSiblings,
} from './useChatStore.ts'
export { type UseCompletionOptions, type UseCompletionResult, useCompletion } from './useCompletion.ts'
export { useMessageObject } from './useMessageObject.ts'
export { MODELS_STALE_TIME, modelsQueryKey, type UseModelsOptions, useModels } from './useModels.ts'
export {
  type UseObjectCompletionOptions,
  type UseObjectCompletionResult,
  useObjectCompletion,
} from './useObjectCompletion.ts'
export { type UseThreadsResult, useKindlingThreads, useThreads } from './useThreads.ts'
export { useToolCalls } from './useToolCalls.ts'
