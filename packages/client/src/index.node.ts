// The Node entry of @kindling/client: the same API as `index.ts` (kept as an entry of its own so
// the package's `node` condition has a file to point at).
export * from './index.ts'
