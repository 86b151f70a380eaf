// The public API of @kindling/client: a deliberate list.

export {
  accumulateChatChunk,
  accumulateChatChunks,
  type ChatAccumulatorState,
  type ChatChoiceState,
  createChatAccumulator,
  type ToolCallState,
  toChatCompletionResponse,
  toChatMessage,
  toToolCall,
} from './accumulateChat.ts'
export {
  accumulateCompletionChunk,
  accumulateCompletionChunks,
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
export type { CompletionAPI, CompletionCreateOptions, CompletionParams, Prompt } from './completion.ts'
export { type ClientOptions, createClient, DEFAULT_BASE_URL, type KindlingClient } from './createClient.ts'
export {
  APIConnectionError,
  APIError,
  type APIErrorInit,
  APIStreamError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  ConflictError,
  errorFromResponse,
  InternalServerError,
  InvalidArgumentError,
  InvalidRequestError,
  KindlingError,
  NotFoundError,
  type PartialResponse,
  PayloadTooLargeError,
  PermissionDeniedError,
  parseErrorBody,
  RateLimitError,
  ResponseValidationError,
} from './errors.ts'
export {
  createLogger,
  getConsoleLogLevel,
  type Logger,
  type LogLevel,
  type LogSink,
  redactHeaders,
  setConsoleLogLevel,
} from './logger.ts'
export type { ModelsAPI } from './models.ts'
export { appendPiece, joinPieces, type Pieces, piecesToArray } from './pieces.ts'
export type { RequestOptions } from './request.ts'
export type {
  ChatCompletionRequest,
  ChatRequestMessage,
  ChatRole,
  CompletionRequest,
  SamplingParams,
  Tool,
} from './requestSchemas.ts'
export type { ResumeStreamOptions } from './resumeStream.ts'
export { isRetryableStatus, MAX_RETRY_AFTER_MS, retryAfterMs, retryDelayMs } from './retryDelay.ts'
export * from './schemas.ts'
export { readServerSentEvents, type ServerSentEvent } from './sse.ts'
export type { ChatCompletionStream, CompletionStream, KindlingStream } from './stream.ts'
