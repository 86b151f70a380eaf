import type { ToolCall } from '@kindling/client'
import type { ChatUIMessage } from './chatMessage.ts'
import { formatSchemaIssues } from './schemaIssues.ts'
import { INTERRUPTED, type StoredToolCall } from './toolCallStates.ts'
import { isZodSchema, type ToolSet } from './tools.ts'

// Runs the tool calls of one answer: parses and checks each call's arguments, waits for approvals
// and UI results, runs the tools concurrently, and reports every change of a call's state. A bad
// call never throws: it ends as an error result the model reads.

/**
 * Where one tool call is: its arguments arriving, waiting for the user's approval or for a result
 * from the UI (a tool without `execute`), running, or ended (done, failed, denied).
 */
export type ToolCallStatus =
  | 'streaming-arguments'
  | 'awaiting-approval'
  | 'awaiting-result'
  | 'running'
  | 'done'
  | 'error'
  | 'denied'

/** One tool call as the UI shows it. */
export interface ToolCallView {
  readonly id: string
  readonly name: string
  readonly status: ToolCallStatus
  /** The arguments as JSON text (so far, while they stream). */
  readonly argumentsText: string
  /** The parsed arguments (partial while they stream; `undefined` when they are not JSON). */
  readonly args: unknown
  /** What the tool returned, once `done`. */
  readonly result?: unknown
  /** Why the call failed (`error`) or that it was denied (`denied`). */
  readonly error?: string | undefined
}

/** The calls of one answer being run. */
export interface ToolRun {
  /** Lets a call awaiting approval run; false when it is not awaiting one. */
  approve(toolCallId: string): boolean
  /** Denies a call awaiting approval (the model gets a "denied by the user" result). */
  deny(toolCallId: string): boolean
  /** Gives the result of a call awaiting one (a tool without `execute`). */
  addResult(toolCallId: string, result: unknown): boolean
  /** Aborts running tools and pending waits at once: unfinished calls end as errors. Returns every call. */
  stop(): readonly ToolCallView[]
  /** Every call once all have ended, in call order. */
  readonly done: Promise<readonly ToolCallView[]>
}

/** The text a `role: 'tool'` message carries for an ended call. */
export function toolResultContent(view: ToolCallView): string {
  if (view.status === 'done') {
    return typeof view.result === 'string' ? view.result : (JSON.stringify(view.result) ?? 'null')
  }
  return JSON.stringify({ error: view.error ?? 'The tool call failed.' })
}

const DENIED = 'Denied by the user.'
const STOPPED = 'Stopped by the user before it finished.'

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown)
}

/** Starts running `calls` with `tools`; `onUpdate` hears every state change (synchronously). */
export function startToolRun(
  calls: readonly ToolCall[],
  tools: ToolSet,
  options: {
    messages: readonly ChatUIMessage[]
    onUpdate(view: ToolCallView): void
    /** Saved states to go on from (a reload): ended calls stay ended, waiting ones wait again. */
    restored?: Readonly<Record<string, StoredToolCall>> | undefined
  },
): ToolRun {
  const controller = new AbortController()
  const views: ToolCallView[] = calls.map((call) => ({
    id: call.id,
    name: call.function.name,
    status: 'running',
    argumentsText: call.function.arguments,
    args: undefined,
  }))
  const waits = new Map<string, { kind: 'approval' | 'result'; resolve(value: unknown): void }>()
  let stopped = false

  const set = (index: number, change: Partial<ToolCallView>) => {
    const view = { ...(views[index] as ToolCallView), ...change }
    views[index] = view
    options.onUpdate(view)
  }
  const ended = (index: number) => {
    const status = views[index]?.status
    return status === 'done' || status === 'error' || status === 'denied'
  }
  const end = (index: number, change: Partial<ToolCallView>) => {
    if (!stopped && !ended(index)) set(index, change)
  }
  const wait = (id: string, kind: 'approval' | 'result') =>
    new Promise<unknown>((resolve) => waits.set(id, { kind, resolve }))

  async function runOne(call: ToolCall, index: number): Promise<void> {
    const prior = options.restored?.[call.id]
    if (prior && prior.status !== 'awaiting-approval' && prior.status !== 'awaiting-result') {
      const args = parsedOrUndefined(call.function.arguments)
      // Running when its page closed: never run again by itself (it may have had its effect).
      if (prior.status === 'running') return end(index, { status: 'error', error: INTERRUPTED, args })
      return end(index, { ...prior, args })
    }
    const tool = Object.hasOwn(tools, call.function.name) ? tools[call.function.name] : undefined
    if (!tool)
      return end(index, { status: 'error', error: `There is no tool named "${call.function.name}".` })
    let args: unknown
    try {
      const text = call.function.arguments
      args = text.trim() === '' ? {} : JSON.parse(text)
    } catch (thrown) {
      return end(index, { status: 'error', error: `The arguments are not valid JSON: ${messageOf(thrown)}` })
    }
    if (isZodSchema(tool.parameters)) {
      // Synchronous for a schema without async refinements, so the tool starts in this same task.
      let verdict = tool.parameters['~standard'].validate(args)
      if (verdict instanceof Promise) verdict = await verdict
      if (verdict.issues) {
        return end(index, {
          status: 'error',
          args,
          error: `The arguments do not match the tool's schema:\n${formatSchemaIssues(verdict.issues)}`,
        })
      }
      args = verdict.value
    }
    try {
      // A restored wait waits again, whatever needsApproval says now.
      const approval = prior
        ? prior.status === 'awaiting-approval'
        : typeof tool.needsApproval === 'function'
          ? tool.needsApproval(args)
          : tool.needsApproval === true
      if (approval) {
        set(index, { status: 'awaiting-approval', args })
        if ((await wait(call.id, 'approval')) !== true) return end(index, { status: 'denied', error: DENIED })
      }
      if (stopped) return
      if (!tool.execute) {
        set(index, { status: 'awaiting-result', args })
        const result = await wait(call.id, 'result')
        return end(index, { status: 'done', result })
      }
      set(index, { status: 'running', args })
      const result = await tool.execute(args, {
        signal: controller.signal,
        messages: options.messages,
        toolCallId: call.id,
      })
      end(index, { status: 'done', result })
    } catch (thrown) {
      end(index, { status: 'error', error: messageOf(thrown) })
    }
  }

  const done = Promise.all(calls.map(runOne)).then(() => views.slice())

  const answer = (id: string, kind: 'approval' | 'result', value: unknown) => {
    const waiting = waits.get(id)
    if (stopped || waiting?.kind !== kind) return false
    waits.delete(id)
    waiting.resolve(value)
    return true
  }

  return {
    approve: (id) => answer(id, 'approval', true),
    deny: (id) => answer(id, 'approval', false),
    addResult: (id, result) => answer(id, 'result', result),
    stop() {
      if (!stopped) {
        views.forEach((_, index) => {
          if (!ended(index)) set(index, { status: 'error', error: STOPPED })
        })
        stopped = true
        controller.abort()
        for (const waiting of waits.values()) waiting.resolve(undefined)
        waits.clear()
      }
      return views.slice()
    },
    done,
  }
}
