import { z } from 'zod'
import {
  type StoredMeta,
  type StoredRecordChecker,
  type StoredTree,
  THREAD_RECORD_VERSION,
  TOOL_CALL_STATUSES,
} from './threadRecord.ts'

// The records' zod schemas, loaded only when a hand-written guard (threadRecord.ts) rejects a
// record: zod then accepts it after all, or says which field is wrong.

const messageSchema = z.looseObject({
  id: z.string().min(1),
  role: z.string().min(1),
  content: z.string(),
  status: z.enum(['streaming', 'done', 'stopped', 'error']),
  error: z.object({ name: z.string(), message: z.string() }).optional(),
  // Each tool call's state, by call id (see toolCallStates.ts).
  toolCallStates: z
    .record(z.string(), z.looseObject({ status: z.enum(TOOL_CALL_STATUSES), error: z.string().optional() }))
    .optional(),
})

const nodeSchema = z.object({
  id: z.string().min(1),
  parentId: z.string().nullable(),
  childIds: z.array(z.string()),
  activeChildId: z.string().optional(),
  message: messageSchema,
})

const metaShape = {
  id: z.string().min(1),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  archived: z.boolean(),
}

/** The stored metadata of a thread (what the list reads). */
export const storedMetaSchema: z.ZodType<StoredMeta> = z.object({
  version: z.literal(THREAD_RECORD_VERSION),
  ...metaShape,
})

/** The stored tree of a thread. */
export const storedTreeSchema: z.ZodType<StoredTree> = z.object({
  version: z.literal(THREAD_RECORD_VERSION),
  id: z.string().min(1),
  nodes: z.array(nodeSchema),
  rootIds: z.array(z.string()),
  activeRootId: z.string().optional(),
})

/** zod's verdict on a record the guards rejected. */
export const checkStoredRecord: StoredRecordChecker = (what, raw) => {
  const parsed = (what === 'metadata' ? storedMetaSchema : storedTreeSchema).safeParse(raw)
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: z.prettifyError(parsed.error) }
}
