import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { workspaceAliases } from '../../scripts/workspaceAliases.ts'

export default defineConfig({
  plugins: [react()],
  resolve: { alias: workspaceAliases },
})
