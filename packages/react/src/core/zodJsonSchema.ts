// zod's JSON Schema converter alone (the one zod and zod/mini share), for a module that loads it
// only when a schema needs it: a dynamic import of 'zod' itself would bring all of zod.

export { toJSONSchema } from 'zod/mini'
