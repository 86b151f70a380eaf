// The public API of @kindling/react: a deliberate list.

export type { ChatEntry, ChatRegistry, RetainOptions } from './chatRegistry.ts'
export { createChatRegistry } from './chatRegistry.ts'
export { type ChatRequestConfig, type ChatSession, createChatSession } from './chatSession.ts'
export {
  type ChatAlternative,
  type ChatAlternatives,
  type ChatMessageInput,
  type ChatMessageStatus,
  type ChatState,
  type ChatStatus,
  type ChatStore,
  type ChatUIMessage,
  createChatStore,
  type MessageStats,
  type MessageTiming,
  messageStats,
  selectMessage,
  toRequestMessage,
} from './chatStore.ts'
export {
  type CompletionRequestConfig,
  type CompletionSession,
  createCompletionSession,
} from './completionSession.ts'
export {
  type CompletionChoiceView,
  type CompletionOutcome,
  type CompletionState,
  type CompletionStore,
  createCompletionStore,
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
  getDefaultChatRegistry,
  KindlingProvider,
  type KindlingProviderProps,
  useKindlingClient,
} from './KindlingProvider.tsx'
export {
  type UseChatCompletionOptions,
  type UseChatCompletionResult,
  useChatCompletion,
} from './useChatCompletion.ts'
export { useChatMessage, useChatStore } from './useChatStore.ts'
export { type UseCompletionOptions, type UseCompletionResult, useCompletion } from './useCompletion.ts'
export { MODELS_STALE_TIME, modelsQueryKey, type UseModelsOptions, useModels } from './useModels.ts'
