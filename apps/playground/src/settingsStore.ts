import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'

/** What the settings panel changes; kept across reloads. */
export interface PlaygroundSettings {
  /** Empty means this page's own server: `${location.origin}/v1`. */
  baseURL: string
  model: string
  temperature: number
  top_p: number
  max_tokens: number
  /** The demo tools offered to the model, by name (see `demoTools/demoTools.ts`). */
  tools: string[]
}

/** The settings a new user starts with: the embedded server's prose model. */
export const DEFAULT_SETTINGS: PlaygroundSettings = {
  baseURL: '',
  model: 'kindling-text',
  temperature: 0.7,
  top_p: 1,
  max_tokens: 256,
  tools: [],
}

interface SettingsState extends PlaygroundSettings {
  update: (patch: Partial<PlaygroundSettings>) => void
  resetSettings: () => void
}

/** The playground's settings, persisted to localStorage. */
export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      ...DEFAULT_SETTINGS,
      update: (patch) => set(patch),
      resetSettings: () => set(DEFAULT_SETTINGS),
    }),
    { name: 'kindling-playground-settings', version: 1, storage: createJSONStorage(() => localStorage) },
  ),
)

/** The base URL the client uses: the setting, or this page's own API. */
export function resolveBaseURL(setting: string, origin: string): string {
  const trimmed = setting.trim().replace(/\/+$/, '')
  return trimmed === '' ? `${origin}/v1` : trimmed
}
