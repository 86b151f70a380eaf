import {
  DEFAULT_STREAM_STORE_LIMITS,
  StreamCancelled,
  StreamEndedEarly,
  StreamProducerLost,
  type StreamStore,
  StreamStoreFull,
  type StreamStoreLimits,
  StreamStoreUnavailable,
} from './streamStore.ts'

// Marks the stream ended by its lost producer ('3') if it is still running ('0'), as `end` would
// have; a no-op when the producer (or another follower) ended it first.
const MARK_PRODUCER_LOST = `
if redis.call('HGET', KEYS[1], 'ended') ~= '0' then return 0 end
redis.call('HSET', KEYS[1], 'ended', '3')
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
redis.call('PUBLISH', KEYS[4], 'end')
return 1`

// A cancel marks a stream that is still running (never creates the hash of an unknown one).
const MARK_CANCELLED = `
if redis.call('HGET', KEYS[1], 'ended') ~= '0' then return 0 end
redis.call('HSET', KEYS[1], 'cancelled', '1')
return 1`

/** How to reach Redis and what to keep there. */
export interface RedisStreamStoreOptions extends Partial<StreamStoreLimits> {
  /** e.g. `redis://127.0.0.1:6379`. */
  url: string
  /** Prefix of every key and channel, to share one Redis between apps. Default `kindling:`. */
  prefix?: string
  /** Longest a running stream is kept if its instance dies before ending it. Default 1 hour. */
  maxRunMs?: number
  /**
   * How often this instance renews the liveness lease of each stream it produces (one Redis write per
   * interval for all of them, none per event). Default 1000 ms.
   */
  heartbeatMs?: number
  /**
   * How long a lease lasts unrenewed: a stream whose producer stopped renewing it this long (killed,
   * crashed, cut off from Redis) is ended as failed, and its readers on every instance get an
   * `event: error` (`stream_producer_lost`). Longer than `heartbeatMs`; default three heartbeats.
   */
  leaseMs?: number
}

// Keys: `<p>s:<id>` hash {owner, ended (0 running, 1 complete, 2 early, 3 producer lost),
// cancelled (1 once a cancel was asked for), bytes};
// `<p>a:<id>` the producer's liveness lease; `<p>e:<id>` list of events; `<p>bytes` the total;
// `<p>finished` finished ids scored by end time, for the oldest-first eviction. Channels: `<p>n:<id>`
// (an event or the end), `<p>c:<id>` (cancel).

/**
 * A {@link StreamStore} in Redis, so several server instances act as one: a stream started on one can
 * be resumed or stopped through any other. Waits for Redis to answer before resolving.
 */
export async function createRedisStreamStore(options: RedisStreamStoreOptions): Promise<StreamStore> {
  const { maxBytes, maxEventsPerStream, ttlMs } = { ...DEFAULT_STREAM_STORE_LIMITS, ...options }
  const maxRunMs = options.maxRunMs ?? 3_600_000
  const heartbeatMs = options.heartbeatMs ?? 1000
  const leaseMs = options.leaseMs ?? heartbeatMs * 3
  if (!(heartbeatMs > 0 && leaseMs > heartbeatMs)) {
    throw new RangeError(
      `The liveness lease (leaseMs ${leaseMs}) must outlast the heartbeat that renews it (heartbeatMs ${heartbeatMs} > 0).`,
    )
  }
  const p = options.prefix ?? 'kindling:'
  const key = { meta: (id: string) => `${p}s:${id}`, events: (id: string) => `${p}e:${id}` }
  const channel = { notify: (id: string) => `${p}n:${id}`, cancel: (id: string) => `${p}c:${id}` }
  const aliveKey = (id: string) => `${p}a:${id}`
  const bytesKey = `${p}bytes`
  const finishedKey = `${p}finished`
  // Loaded here, not at the top: importing the server (its index re-exports this) must not load the
  // Redis client, which only a Redis-backed server needs (and which bundlers' SSR loaders cannot run).
  const { createClient } = await import('redis')
  // Commands fail at once while Redis is away instead of queueing: the caller gets a clear error.
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1000) },
  })
  const subscriber = client.duplicate()
  // Readers waiting on a stream, failed together when the connection drops (a Redis restart loses it).
  const waiting = new Set<(error?: Error) => void>()
  const failAll = (error: Error) => {
    for (const wake of [...waiting])
      wake(new StreamStoreUnavailable(`Redis is unavailable: ${error.message}`))
  }
  for (const connection of [client, subscriber]) {
    connection.on('error', (error: Error) => failAll(error))
  }
  await Promise.all([client.connect(), subscriber.connect()])
  // The streams this instance produces renew their lease every heartbeat: a reader elsewhere learns
  // that this instance died when the lease lapses, rather than waiting for an end that never comes.
  const running = new Set<string>()
  const heartbeat = setInterval(() => {
    if (running.size === 0 || !client.isReady) return
    const multi = client.multi()
    for (const id of running) multi.set(aliveKey(id), '1', { PX: leaseMs })
    multi.exec().catch(() => {})
  }, heartbeatMs)
  heartbeat.unref()
  const call = async <T>(what: Promise<T>): Promise<T> => {
    try {
      return await what
    } catch (error) {
      throw error instanceof StreamStoreFull
        ? error
        : new StreamStoreUnavailable(`Redis is unavailable: ${(error as Error).message}`)
    }
  }
  /** Drops finished streams past their time, and the oldest ones while over `maxBytes`. */
  const sweep = async () => {
    const now = Date.now()
    for (;;) {
      const [oldest] = await client.zRangeWithScores(finishedKey, 0, 0)
      if (!oldest) return
      const total = Number((await client.get(bytesKey)) ?? 0)
      if (now - oldest.score < ttlMs && total < maxBytes) return
      if ((await client.zRem(finishedKey, oldest.value)) === 0) continue // another instance took it
      const size = Number((await client.hGet(key.meta(oldest.value), 'bytes')) ?? 0)
      await client
        .multi()
        .del([key.meta(oldest.value), key.events(oldest.value)])
        .decrBy(bytesKey, size)
        .exec()
    }
  }
  const producerLost = () =>
    new StreamProducerLost(
      'The server instance producing this stream stopped (killed or crashed) before the answer was complete.',
    )
  return {
    open: (id, owner) =>
      call(
        (async () => {
          await sweep()
          if (Number((await client.get(bytesKey)) ?? 0) >= maxBytes) {
            throw new StreamStoreFull(
              `The stream store is full (${maxBytes} bytes held by streams still running).`,
            )
          }
          await client
            .multi()
            .hSet(key.meta(id), { owner, ended: '0', bytes: '0' })
            .pExpire(key.meta(id), maxRunMs)
            .set(aliveKey(id), '1', { PX: leaseMs })
            .exec()
          running.add(id)
        })(),
      ),
    append: (id, event) =>
      call(
        (async () => {
          const size = Buffer.byteLength(event)
          const [length] = (await client
            .multi()
            .rPush(key.events(id), event)
            .pExpire(key.events(id), maxRunMs)
            .hIncrBy(key.meta(id), 'bytes', size)
            .incrBy(bytesKey, size)
            .publish(channel.notify(id), '')
            .exec()) as unknown as [number]
          if (length <= maxEventsPerStream) return true
          await client
            .multi()
            .rPop(key.events(id))
            .hIncrBy(key.meta(id), 'bytes', -size)
            .decrBy(bytesKey, size)
            .exec()
          return false
        })(),
      ),
    end: (id, complete) =>
      call(
        (async () => {
          const ended = Date.now()
          running.delete(id)
          // Kept a little past the TTL: the sweep deletes it first and keeps the byte count right.
          await client
            .multi()
            .hSet(key.meta(id), 'ended', complete ? '1' : '2')
            .pExpire(key.meta(id), ttlMs * 2 + 60_000)
            .pExpire(key.events(id), ttlMs * 2 + 60_000)
            .zAdd(finishedKey, { score: ended, value: id })
            .del(aliveKey(id))
            .publish(channel.notify(id), 'end')
            .exec()
        })(),
      ),
    ownerOf: (id) =>
      call(
        (async () => {
          const meta = await client.hGetAll(key.meta(id))
          if (meta.owner === undefined) return undefined
          return meta.owner
        })(),
      ),
    async *follow(id, after, signal) {
      let next = Math.max(0, after)
      let dirty = true
      // Milliseconds waited with no news: long enough, and the producer's liveness is checked.
      let quiet = 0
      let wake: ((error?: Error) => void) | undefined
      const onNotify = () => {
        dirty = true
        wake?.()
      }
      await call(subscriber.subscribe(channel.notify(id), onNotify))
      try {
        while (!signal.aborted) {
          dirty = false
          // Read `ended` before the events: once it says ended, the list read after it is complete.
          const [[ended, cancelled], events] = await call(
            Promise.all([
              client.hmGet(key.meta(id), ['ended', 'cancelled']),
              client.lRange(key.events(id), next, -1),
            ]),
          )
          if (ended === null) return
          if (events.length > 0) quiet = 0
          for (const event of events) {
            next++
            yield event
          }
          if (ended !== '0' && events.length === 0) {
            if (ended === '1') return
            if (ended === '3') throw producerLost()
            if (cancelled === '1') {
              throw new StreamCancelled('The stream was stopped before its answer was complete.')
            }
            throw new StreamEndedEarly('The stream ended before its answer did.')
          }
          if (dirty || events.length > 0 || ended !== '0') continue
          // The lease lapsed: the producer is gone. End the stream for every reader, now and later.
          if (quiet >= heartbeatMs && (await call(client.exists(aliveKey(id)))) === 0) {
            await call(
              client.eval(MARK_PRODUCER_LOST, {
                keys: [key.meta(id), key.events(id), finishedKey, channel.notify(id)],
                arguments: [String(ttlMs * 2 + 60_000), String(Date.now()), id],
              }),
            )
            continue
          }
          const waitStarted = Date.now()
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => done(), heartbeatMs)
            const done = (error?: Error) => {
              clearTimeout(timer)
              waiting.delete(done)
              signal.removeEventListener('abort', onAbort)
              wake = undefined
              if (error) reject(error)
              else resolve()
            }
            const onAbort = () => done()
            wake = done
            waiting.add(done)
            signal.addEventListener('abort', onAbort, { once: true })
            if (dirty) done()
          })
          quiet = dirty ? 0 : quiet + (Date.now() - waitStarted)
        }
      } finally {
        void subscriber.unsubscribe(channel.notify(id), onNotify).catch(() => {})
      }
    },
    cancel: (id) =>
      call(
        (async () => {
          // Marked first (only on a stream that exists), so readers that see it end know why.
          await client.eval(MARK_CANCELLED, { keys: [key.meta(id)] })
          await client.publish(channel.cancel(id), '')
        })(),
      ),
    onCancel(id, listener) {
      void subscriber.subscribe(channel.cancel(id), listener).catch(() => {})
      return () => void subscriber.unsubscribe(channel.cancel(id), listener).catch(() => {})
    },
    // Every follow, on any instance, subscribes to the stream's notify channel while it reads.
    readers: (id) =>
      call(client.pubSubNumSub(channel.notify(id)).then((counts) => Number(counts[channel.notify(id)] ?? 0))),
    async close() {
      clearInterval(heartbeat)
      failAll(new Error('the store was closed'))
      await Promise.allSettled([client.close(), subscriber.close()])
    },
  }
}
