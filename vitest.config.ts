import { defineConfig } from 'vitest/config'
import projects from './vitest.workspace.ts'

export default defineConfig({
  test: {
    projects,
    // Real servers and a real browser: allow for a slow shared machine.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
