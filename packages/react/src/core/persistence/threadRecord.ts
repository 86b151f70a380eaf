import { KindlingError } from '@kindling/client'
import type { ChatUIMessage } from '../chatMessage.ts'
import { type MessageNode, type MessageTree, treeFromData } from '../messageTree.ts'

// What persistence writes: a thread's metadata and its whole message tree, versioned and checked
// on load (hand-written guards, zod explaining a rejection), so a corrupt or future record is
// reported, never half-read.

/** The record format this code writes and reads. A record of another version is set aside, not read. */
export const THREAD_RECORD_VERSION = 1

/** A thread as the list shows it. */
export interface ThreadMeta {
  readonly id: string
  readonly title: string
  /** `Date.now()` milliseconds. */
  readonly createdAt: number
  /** Last change of its messages or title: the list is ordered by it, newest first. */
  readonly updatedAt: number
  readonly archived: boolean
}

/** A whole thread: metadata and tree. */
export interface ThreadRecord extends ThreadMeta {
  readonly version: typeof THREAD_RECORD_VERSION
  readonly tree: MessageTree
}

/** The tool call states a stored message may hold. */
export const TOOL_CALL_STATUSES = [
  'awaiting-approval',
  'awaiting-result',
  'running',
  'done',
  'error',
  'denied',
] as const

/** A message as stored (plain JSON: an error as `{ name, message }`); unknown fields are kept. */
export interface StoredMessage {
  readonly id: string
  readonly role: string
  readonly content: string
  readonly status: 'streaming' | 'done' | 'stopped' | 'error'
  readonly error?: { readonly name: string; readonly message: string } | undefined
  readonly toolCallStates?:
    | Record<
        string,
        { readonly status: (typeof TOOL_CALL_STATUSES)[number]; readonly error?: string | undefined }
      >
    | undefined
  readonly [field: string]: unknown
}

/** The stored metadata of a thread (what the list reads). */
export interface StoredMeta {
  readonly version: typeof THREAD_RECORD_VERSION
  readonly id: string
  readonly title: string
  readonly createdAt: number
  readonly updatedAt: number
  readonly archived: boolean
}

/** A node of a stored tree. */
export interface StoredNode {
  readonly id: string
  readonly parentId: string | null
  readonly childIds: string[]
  readonly activeChildId?: string | undefined
  readonly message: StoredMessage
}

/** The stored tree of a thread. */
export interface StoredTree {
  readonly version: typeof THREAD_RECORD_VERSION
  readonly id: string
  readonly nodes: StoredNode[]
  readonly rootIds: string[]
  readonly activeRootId?: string | undefined
}

/**
 * zod's verdict on a stored record the hand-written guards rejected: the record after all, or why
 * not. zod is loaded only when such a record is met (`loadRecordChecker`), so reading a list does
 * not download it.
 */
export type StoredRecordChecker = (
  what: 'metadata' | 'messages',
  raw: unknown,
) => { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string }

/** Thrown when a record needs zod's verdict and no checker was given: load it and read again. */
export class RecordCheckPending extends Error {
  override readonly name = 'RecordCheckPending'
}

let checkerLoad: Promise<StoredRecordChecker> | undefined
/** Loads the zod schemas of the records (once). */
export function loadRecordChecker(): Promise<StoredRecordChecker> {
  checkerLoad ??= import('./threadRecordSchema.ts').then((module) => module.checkStoredRecord)
  return checkerLoad
}

/** Why a stored record could not be read. */
export type PersistenceIssueKind = 'corrupt' | 'unknown-version'

/** A record that could not be read: reported, and kept aside (never dropped, never thrown). */
export class PersistenceRecordError extends Error {
  override readonly name = 'PersistenceRecordError'
  constructor(
    readonly kind: PersistenceIssueKind,
    /** The thread the record belonged to, when it could be told. */
    readonly threadId: string | undefined,
    /** The record as it was stored. */
    readonly raw: unknown,
    message: string,
  ) {
    super(message)
  }
}

/** The plain JSON of a message: a `KindlingError` becomes `{ name, message }`. */
function storedMessage(message: ChatUIMessage): Record<string, unknown> {
  if (!message.error) return { ...message }
  return { ...message, error: { name: message.error.name, message: message.error.message } }
}

/** A message as the engine holds it again. */
function loadedMessage(stored: StoredMessage): ChatUIMessage {
  const { error, ...rest } = stored
  // A message saved mid-stream (another tab was closed while it streamed) is shown as stopped.
  const status = rest.status === 'streaming' ? 'stopped' : rest.status
  const message = { ...rest, status } as ChatUIMessage
  if (!error) return message
  const restored = new KindlingError(error.message)
  return { ...message, error: restored }
}

/** The stored forms of a record. */
export function toStored(record: ThreadRecord): { meta: StoredMeta; tree: StoredTree } {
  const { tree, version, ...meta } = record
  return {
    meta: { version, ...meta },
    tree: {
      version,
      id: record.id,
      nodes: tree.nodes.map((node) => ({
        id: node.id,
        parentId: node.parentId,
        childIds: [...node.childIds],
        ...(node.activeChildId === undefined ? {} : { activeChildId: node.activeChildId }),
        message: storedMessage(node.message) as StoredMessage,
      })),
      rootIds: [...tree.rootIds],
      ...(tree.activeRootId === undefined ? {} : { activeRootId: tree.activeRootId }),
    },
  }
}

function versionOf(raw: unknown): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined
}

function idOf(raw: unknown): string | undefined {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined
  return typeof id === 'string' ? id : undefined
}

// Hand-written guards for the hot path (a list of 1,000 threads, a thread of 1,000 messages): each
// is at least as strict as its schema, so a record they pass zod would pass too. A record they
// reject goes through zod, which accepts it after all or explains what is wrong.

type Loose = Record<string, unknown>
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null
const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0
const isOptionalString = (value: unknown) => value === undefined || typeof value === 'string'
const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')
const STATUSES = new Set(['streaming', 'done', 'stopped', 'error'])

function isStoredMeta(raw: unknown): raw is StoredMeta {
  return (
    isObject(raw) &&
    raw.version === THREAD_RECORD_VERSION &&
    isId(raw.id) &&
    typeof raw.title === 'string' &&
    Number.isFinite(raw.createdAt) &&
    Number.isFinite(raw.updatedAt) &&
    typeof raw.archived === 'boolean'
  )
}

const CALL_STATUSES = new Set<string>(TOOL_CALL_STATUSES)

function isToolCallStates(raw: unknown): boolean {
  if (raw === undefined) return true
  if (!isObject(raw) || Array.isArray(raw)) return false
  for (const state of Object.values(raw)) {
    if (!isObject(state) || !CALL_STATUSES.has(state.status as string) || !isOptionalString(state.error))
      return false
  }
  return true
}

function isStoredMessage(raw: unknown): boolean {
  if (!isObject(raw) || !isId(raw.id) || !isId(raw.role) || typeof raw.content !== 'string') return false
  if (!STATUSES.has(raw.status as string) || !isToolCallStates(raw.toolCallStates)) return false
  const error = raw.error
  return (
    error === undefined ||
    (isObject(error) && typeof error.name === 'string' && typeof error.message === 'string')
  )
}

function isStoredNode(raw: unknown): boolean {
  return (
    isObject(raw) &&
    isId(raw.id) &&
    (raw.parentId === null || typeof raw.parentId === 'string') &&
    isStringArray(raw.childIds) &&
    isOptionalString(raw.activeChildId) &&
    isStoredMessage(raw.message)
  )
}

function isStoredTree(raw: unknown): raw is StoredTree {
  return (
    isObject(raw) &&
    raw.version === THREAD_RECORD_VERSION &&
    isId(raw.id) &&
    Array.isArray(raw.nodes) &&
    raw.nodes.every(isStoredNode) &&
    isStringArray(raw.rootIds) &&
    isOptionalString(raw.activeRootId)
  )
}

function check<T>(
  guard: (raw: unknown) => raw is T,
  raw: unknown,
  what: 'metadata' | 'messages',
  checker: StoredRecordChecker | undefined,
): T {
  if (guard(raw)) return raw
  const version = versionOf(raw)
  if (version !== undefined && version !== THREAD_RECORD_VERSION) {
    throw new PersistenceRecordError(
      'unknown-version',
      idOf(raw),
      raw,
      `The ${what} of thread ${idOf(raw) ?? '?'} has version ${String(version)}; this app reads version ${THREAD_RECORD_VERSION}. It was kept aside.`,
    )
  }
  if (!checker) throw new RecordCheckPending(`The ${what} of thread ${idOf(raw) ?? '?'} needs zod's check.`)
  const verdict = checker(what, raw)
  if (verdict.ok) return verdict.value as T
  throw new PersistenceRecordError(
    'corrupt',
    idOf(raw),
    raw,
    `The ${what} of thread ${idOf(raw) ?? '?'} is not a valid record (${verdict.reason}). It was kept aside.`,
  )
}

/**
 * Checks stored metadata; throws a {@link PersistenceRecordError} when it cannot be read, or
 * {@link RecordCheckPending} when the guards rejected it and no `checker` was given.
 */
export function readMeta(raw: unknown, checker?: StoredRecordChecker): ThreadMeta {
  const stored = check(isStoredMeta, raw, 'metadata', checker)
  // Only the known fields, as the schema would strip the rest.
  return {
    id: stored.id,
    title: stored.title,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    archived: stored.archived,
  }
}

/** Checks a stored record (metadata and tree), as {@link readMeta} does. */
export function readRecord(rawMeta: unknown, rawTree: unknown, checker?: StoredRecordChecker): ThreadRecord {
  const meta = readMeta(rawMeta, checker)
  const stored = check(isStoredTree, rawTree, 'messages', checker)
  let tree: MessageTree
  try {
    tree = treeFromData({
      nodes: stored.nodes.map(
        (node): MessageNode => ({
          id: node.id,
          parentId: node.parentId,
          childIds: node.childIds,
          activeChildId: node.activeChildId ?? undefined,
          message: loadedMessage(node.message),
        }),
      ),
      rootIds: stored.rootIds,
      activeRootId: stored.activeRootId,
    })
  } catch (error) {
    throw new PersistenceRecordError(
      'corrupt',
      meta.id,
      rawTree,
      `The messages of thread ${meta.id} do not form a tree (${(error as Error).message}). They were kept aside.`,
    )
  }
  return { version: THREAD_RECORD_VERSION, ...meta, tree }
}
