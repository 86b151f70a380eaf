/** The Fireworks AI inference API, the default `baseURL` of every client. */
export const DEFAULT_BASE_URL = 'https://api.fireworks.ai/inference/v1'
export * from './schemas.ts'
