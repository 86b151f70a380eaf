import type { KindlingApp } from './app.ts'
import { errorResponse } from './errors.ts'
import {
  firstEvent,
  followBody,
  ownsStream,
  RESUME_TOKEN_HEADER,
  type StartedFollow,
  streamHeaders,
} from './resumableStream.ts'
import { parseEventId } from './sseEventSplitter.ts'
import { StreamCancelled, StreamEndedEarly, StreamProducerLost, type StreamStore } from './streamStore.ts'

// The same answer for an unknown, expired and someone else's stream: an id reveals nothing.
const notFound = (id: string) =>
  errorResponse(
    404,
    `No stream '${id}' for this caller: it never existed, expired, or was started with other credentials.`,
    { code: 'stream_not_found' },
  )

/**
 * `GET {base}/kindling/streams/:id` resumes a stream after the event in `?after=<seq>` or
 * `Last-Event-ID: <id>:<seq>` (from the start without either); `POST {base}/kindling/streams/:id/cancel`
 * stops its generation on whichever instance runs it. Both need the credentials that started it.
 */
export function registerResumeRoutes(
  app: KindlingApp,
  base: string,
  store: StreamStore,
  log: (line: string) => void,
) {
  const owned = async (c: { req: { header(name: string): string | undefined } }, id: string) => {
    const owner = await store.ownerOf(id)
    return (
      owner !== undefined &&
      ownsStream(owner, c.req.header('authorization'), c.req.header(RESUME_TOKEN_HEADER))
    )
  }
  app.get(`${base}/kindling/streams/:id`, async (c) => {
    const id = c.req.param('id')
    if (!(await owned(c, id))) return notFound(id)
    const afterParam = c.req.query('after')
    const lastEventId = c.req.header('last-event-id')
    const after =
      afterParam !== undefined
        ? Number(afterParam)
        : lastEventId !== undefined
          ? parseEventId(lastEventId, id)
          : 0
    if (after === undefined || !Number.isSafeInteger(after) || after < 0) {
      return errorResponse(
        400,
        `Resume after what? 'after' must be an event number and Last-Event-ID '${id}:<number>'.`,
        { code: 'invalid_value', param: afterParam !== undefined ? 'after' : 'last-event-id' },
      )
    }
    log(`resume ${id.slice(0, 6)}… after ${after}`)
    let started: StartedFollow
    try {
      // Wait for the first event: a stream that stopped early with nothing left says so plainly.
      started = await firstEvent(store, id, after)
    } catch (error) {
      if (!(error instanceof StreamEndedEarly)) throw error
      if (error instanceof StreamProducerLost) {
        return errorResponse(410, `${error.message} Stream '${id}' has nothing after event ${after}.`, {
          code: 'stream_producer_lost',
        })
      }
      if (error instanceof StreamCancelled) {
        return errorResponse(410, `${error.message} Stream '${id}' has nothing after event ${after}.`, {
          code: 'stream_cancelled',
        })
      }
      return errorResponse(
        410,
        `The stream '${id}' stopped before its answer was complete (cut, failed or cancelled) and has nothing after event ${after}.`,
        { code: 'stream_ended_early' },
      )
    }
    return new Response(followBody(store, id, after, { started }), { headers: streamHeaders(id) })
  })
  app.post(`${base}/kindling/streams/:id/cancel`, async (c) => {
    const id = c.req.param('id')
    if (!(await owned(c, id))) return notFound(id)
    await store.cancel(id)
    return c.json({ id, object: 'kindling.stream.cancel', cancelled: true })
  })
}
