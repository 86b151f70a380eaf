export { BASE_PATHS, createApp, type KindlingApp } from './app.ts'
export { type ErrorBody, errorBody } from './errors.ts'
export { DEFAULT_FAULT_AFTER, type Faults, type HttpFault, parseFaults, splitModelFaults } from './faults.ts'
export { createMemoryStreamStore } from './memoryStreamStore.ts'
export {
  type BuiltinModel,
  builtinModels,
  findBuiltinModel,
  type ModelLimits,
  type ModelOutput,
} from './models/index.ts'
export {
  DEFAULT_CORS_ORIGINS,
  DEFAULT_FAULTS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_UPSTREAM_STREAMS_PER_CLIENT,
  DEFAULT_STREAM_GRACE_MS,
  DEFAULT_TIMEOUTS,
  DEFAULT_UPSTREAM_URL,
  DEFAULT_WORK_LIMITS,
  type FaultScope,
  parseAllowedHosts,
  parseCors,
  parseFaultScope,
  type ServerOptions,
  type ServerTimeouts,
  serverOptionsFromEnv,
  type UpstreamOptions,
  type WorkLimits,
} from './options.ts'
export { createRedisStreamStore, type RedisStreamStoreOptions } from './redisStreamStore.ts'
export { RESUMABLE_HEADER, RESUME_TOKEN_HEADER, STREAM_ID_HEADER } from './resumableStream.ts'
export { MALFORMED_CHUNK, type StreamEnd } from './sse.ts'
export { type RunningServer, type StartServerOptions, startServer } from './startServer.ts'
export {
  DEFAULT_STREAM_STORE_LIMITS,
  StreamCancelled,
  StreamProducerLost,
  type StreamStore,
  StreamStoreFull,
  type StreamStoreLimits,
  StreamStoreUnavailable,
} from './streamStore.ts'
export {
  createStreamTracker,
  type StreamEndListener,
  type StreamHandle,
  type StreamRecord,
  type StreamStats,
  type StreamTracker,
} from './streamTracker.ts'
export { countTokens, tokenize } from './tokenizer.ts'
export { displayUpstreamUrl } from './upstream.ts'
export { countChatPromptTokens, type Usage } from './usage.ts'
export { LimitExceeded } from './workLimits.ts'
