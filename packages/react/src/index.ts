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
