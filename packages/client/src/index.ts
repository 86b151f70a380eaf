// The public API of @kindling/client: a deliberate list of what apps use. The zod schemas are in
// `@kindling/client/schemas`; internals that tests need are imported from source.

export {
  accumulateChatChunk,
  type ChatAccumulatorState,
  type ChatChoiceState,
  createChatAccumulator,
  type ToolCallState,
  toChatCompletionResponse,
  toChatMessage,
} from './accumulateChat.ts'
export {
  accumulateCompletionChunk,
  type CompletionAccumulatorState,
  type CompletionChoiceState,
  createCompletionAccumulator,
  toCompletionResponse,
} from './accumulateCompletion.ts'
export type {
  ChatCompletionAPI,
  ChatCompletionCreateOptions,
  ChatCompletionParams,
  ChatMessages,
} from './chatCompletion.ts'
export { checkObject, type ObjectCheck } from './checkObject.ts'
export type { CompletionAPI, CompletionCreateOptions, CompletionParams, Prompt } from './completion.ts'
export { type ClientOptions, createClient, DEFAULT_BASE_URL, type KindlingClient } from './createClient.ts'
export {
  APIConnectionError,
  APIError,
  APIStreamError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  ConflictError,
  InternalServerError,
  InvalidArgumentError,
  InvalidRequestError,
  KindlingError,
  NotFoundError,
  type PartialResponse,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
} from './errors.ts'
export { getConsoleLogLevel, type LogLevel, type LogSink, setConsoleLogLevel } from './logger.ts'
export type { ModelsAPI } from './models.ts'
export {
  createPartialJsonParser,
  PartialJsonError,
  type PartialJsonErrorReason,
  type PartialJsonParser,
} from './partialJson.ts'
export { serverTimeToFirstTokenMs } from './perfMetrics.ts'
export { type Accumulated, joinPieces, piecesToArray } from './pieces.ts'
export type { RequestOptions } from './request.ts'
export type {
  ChatCompletionRequest,
  ChatRequestMessage,
  CompletionRequest,
  ResponseFormat,
  SamplingParams,
  Tool,
} from './requestSchemas.ts'
export type { ResumeStreamOptions } from './resumeStream.ts'
export type {
  ChatCompletionResponse,
  ChatCompletionResponseChoice,
  ChatCompletionResponseStreamChoice,
  ChatCompletionStreamResponse,
  ChatLogprobs,
  ChatMessage,
  ChatRole,
  Choice,
  CompletionLogprobs,
  CompletionResponse,
  CompletionStreamResponse,
  ContentPart,
  DeltaMessage,
  ListModelsResponse,
  Model,
  PerfMetrics,
  TokenLogprob,
  ToolCall,
  ToolCallDelta,
  UsageInfo,
} from './schemas.ts'
export type { ChatCompletionStream, CompletionStream, KindlingStream } from './stream.ts'
export {
  type DeepPartial,
  type ObjectStream,
  type StreamObjectOptions,
  StructuredOutputError,
  streamObject,
} from './streamObject.ts'
