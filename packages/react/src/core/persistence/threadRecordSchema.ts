import * as z from 'zod/mini'
import {
  type StoredMeta,
  type StoredRecordChecker,
  type StoredTree,
  THREAD_RECORD_VERSION,
  TOOL_CALL_STATUSES,
} from './threadRecord.ts'

// The records' zod schemas, loaded only when a hand-written guard (threadRecord.ts) rejects a
// record: zod then accepts it after all, or says which field is wrong.

const id = () => z.string().check(z.minLength(1))

const messageSchema = z.looseObject({
  id: id(),
  role: id(),
  content: z.string(),
  status: z.enum(['streaming', 'done', 'stopped', 'error']),
  error: z.optional(z.object({ name: z.string(), message: z.string() })),
  // Each tool call's state, by call id (see toolCallStates.ts).
  toolCallStates: z.optional(
    z.record(
      z.string(),
      z.looseObject({ status: z.enum(TOOL_CALL_STATUSES), error: z.optional(z.string()) }),
    ),
  ),
})

const nodeSchema = z.object({
  id: id(),
  parentId: z.nullable(z.string()),
  childIds: z.array(z.string()),
  activeChildId: z.optional(z.string()),
  message: messageSchema,
})

const metaShape = {
  id: id(),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  archived: z.boolean(),
}

/** The stored metadata of a thread (what the list reads). */
export const storedMetaSchema: z.ZodMiniType<StoredMeta> = z.object({
  version: z.literal(THREAD_RECORD_VERSION),
  ...metaShape,
})

/** The stored tree of a thread. */
export const storedTreeSchema: z.ZodMiniType<StoredTree> = z.object({
  version: z.literal(THREAD_RECORD_VERSION),
  id: id(),
  nodes: z.array(nodeSchema),
  rootIds: z.array(z.string()),
  activeRootId: z.optional(z.string()),
})

/** zod's verdict on a record the guards rejected. */
export const checkStoredRecord: StoredRecordChecker = (what, raw) => {
  const parsed = z.safeParse(what === 'metadata' ? storedMetaSchema : storedTreeSchema, raw)
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: z.prettifyError(parsed.error) }
}
