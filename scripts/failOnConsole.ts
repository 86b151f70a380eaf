// Setup file of the browser and storybook test projects: a test fails when it makes React (or
// anything else) call console.error or console.warn. Warnings such as "<p> cannot be a descendant
// of <p>" or a missing key are bugs a user's console shows; here they fail the test that caused
// them. Nothing is allowed: a test that expects a warning must stub console itself.
import { afterEach, beforeEach, vi } from 'vitest'

const logged: string[] = []

beforeEach(() => {
  logged.length = 0
  for (const level of ['error', 'warn'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(`console.${level}: ${args.map(String).join(' ')}`)
    })
  }
})

afterEach(() => {
  vi.mocked(console.error).mockRestore()
  vi.mocked(console.warn).mockRestore()
  if (logged.length > 0) {
    throw new Error(`The test wrote to the console:\n${logged.map((line) => `  ${line}`).join('\n')}`)
  }
})
