import { defineTool, type ToolSet } from '@kindling/react'
import { z } from 'zod'
import { evaluateArithmetic } from './evaluateArithmetic.ts'
import { fakeWeather } from './fakeWeather.ts'
import { recordInOutbox } from './outbox.ts'

// The tools the playground offers the model, each switchable in the settings. They run in the
// page; none reaches the network, and the one with an effect (email) only pretends, after approval.

/** One demo tool, with what the settings panel says about it. */
export interface DemoTool {
  /** The name the model calls. */
  name: string
  label: string
  hint: string
  tool: ToolSet[string]
}

/** Every demo tool, in the settings panel's order. */
export const DEMO_TOOLS: readonly DemoTool[] = [
  {
    name: 'get_current_time',
    label: 'Clock',
    hint: 'The current date and time in your time zone.',
    tool: defineTool({
      description: "The current date and time in the user's time zone.",
      parameters: z.object({}),
      execute: () => {
        const now = new Date()
        return {
          iso: now.toISOString(),
          local: now.toLocaleString('en-US', { dateStyle: 'full', timeStyle: 'short' }),
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        }
      },
    }),
  },
  {
    name: 'calculate',
    label: 'Calculator',
    hint: 'Arithmetic: + − × ÷ %, powers and parentheses.',
    tool: defineTool({
      description: 'Evaluates an arithmetic expression exactly. Use it for any calculation.',
      parameters: z.object({
        expression: z
          .string()
          .regex(/^[\d\s.+\-*/%^()eE]+$/)
          .describe('The expression, e.g. (12 + 3) * 2^3 / 4')
          .meta({ examples: ['2 + 2'] }),
      }),
      execute: ({ expression }) => ({ expression, result: evaluateArithmetic(expression) }),
    }),
  },
  {
    name: 'get_weather',
    label: 'Weather (fake)',
    hint: 'A made-up forecast for a city; no network.',
    tool: defineTool({
      description: 'The current weather in a city (demo data).',
      parameters: z.object({ city: z.string().min(1).describe('The city, e.g. Lisbon') }),
      execute: ({ city }) => fakeWeather(city),
    }),
  },
  {
    name: 'send_email',
    label: 'Send email (asks first)',
    hint: 'Needs your approval; then only pretends to send.',
    tool: defineTool({
      description: 'Sends an email on behalf of the user. The user approves each email first.',
      parameters: z.object({ to: z.email(), subject: z.string(), body: z.string() }),
      needsApproval: true,
      execute: ({ to, subject }, { toolCallId }) => {
        recordInOutbox({ toolCallId, to, subject, at: new Date().toISOString() })
        return {
          sent: false,
          pretended: true,
          to,
          subject,
          note: 'The playground does not send email; it only pretends.',
        }
      },
    }),
  },
]

/** The tool set of the enabled names (unknown names are skipped); `undefined` when none is on. */
export function demoToolSet(enabled: readonly string[]): ToolSet | undefined {
  const tools: ToolSet = {}
  // A hand-edited localStorage may hold anything: only a list of names counts.
  const names = Array.isArray(enabled) ? enabled : []
  for (const demo of DEMO_TOOLS) if (names.includes(demo.name)) tools[demo.name] = demo.tool
  return Object.keys(tools).length > 0 ? tools : undefined
}
