import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// In development the API lives in a separate @kindling/server process (started by `pnpm dev`);
// proxying keeps the browser on one origin, so no CORS and no key in the page.
const apiTarget = process.env.KINDLING_SERVER_URL ?? 'http://127.0.0.1:8787'

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/v1': apiTarget, '/inference': apiTarget },
  },
})
