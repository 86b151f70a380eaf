// The Node entry of @kindling/client: the same API as `index.ts`, with streamed chunks checked by
// zod's compiled validators (see `compiledCheck.ts`). Browsers get `index.ts`, without the compiler.
import './compiledCheck.ts'

export * from './index.ts'
