// Setup file of the browser and storybook test projects: a test fails when it makes React (or
// anything else) call console.error or console.warn. Warnings such as "<p> cannot be a descendant
// of <p>" or a missing key are bugs a user's console shows; here they fail the test that caused
// them. Nothing is allowed: a test that expects a warning must stub console itself.
import { afterEach, beforeEach, type MockInstance, vi } from 'vitest'

const logged: string[] = []
// Kept here: a test may restore every mock itself (vi.restoreAllMocks) before this file's afterEach.
let spies: MockInstance[] = []

beforeEach(() => {
  logged.length = 0
  spies = (['error', 'warn'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(`console.${level}: ${args.map(String).join(' ')}`)
    }),
  )
})

afterEach(() => {
  for (const spy of spies) spy.mockRestore()
  if (logged.length > 0) {
    throw new Error(`The test wrote to the console:\n${logged.map((line) => `  ${line}`).join('\n')}`)
  }
})
