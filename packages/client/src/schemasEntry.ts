// `@kindling/client/schemas`: every zod schema of the wire format, responses and requests, for
// code that validates requests (servers, proxies, tests). The main entry has the response schemas
// and the request types only.
export * from './requestSchemas.ts'
export * from './schemas.ts'
