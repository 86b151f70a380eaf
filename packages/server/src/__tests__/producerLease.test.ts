import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serverOptionsFromEnv } from '../options.ts'
import { createRedisStreamStore } from '../redisStreamStore.ts'
import { StreamProducerLost } from '../streamStore.ts'
import { startRedis, type TestRedis } from './redisServer.ts'

// The Redis store's liveness lease, on the store itself with short timings: a producer store that
// stops renewing (closed here; killed in tests/client/killInstance.integration.test.ts) ends its
// streams for readers on another store, now and later. A live producer's quiet stream is left alone.

let redis: TestRedis
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis.stop())

const lease = { heartbeatMs: 50, leaseMs: 200 }

async function readAll(events: AsyncIterable<string>): Promise<{ read: string[]; error: unknown }> {
  const read: string[] = []
  try {
    for await (const event of events) read.push(event)
  } catch (error) {
    return { read, error }
  }
  return { read, error: undefined }
}

describe('the Redis store’s producer lease', () => {
  it('takes its timings from the environment with Redis (KINDLING_STREAM_HEARTBEAT_MS, _LEASE_MS)', () => {
    const options = serverOptionsFromEnv({
      KINDLING_REDIS_URL: redis.url,
      KINDLING_STREAM_HEARTBEAT_MS: '250',
      KINDLING_STREAM_LEASE_MS: '900',
    })
    expect(options.resumable).toMatchObject({ producerLease: { heartbeatMs: 250, leaseMs: 900 } })
    expect(serverOptionsFromEnv({ KINDLING_STREAM_LEASE_MS: '900' }).resumable).toBeUndefined()
    expect(() => serverOptionsFromEnv({ KINDLING_RESUMABLE: '1', KINDLING_STREAM_LEASE_MS: 'long' })).toThrow(
      /KINDLING_STREAM_LEASE_MS needs a non-negative number/,
    )
  })

  it('refuses a lease that does not outlast its heartbeat', async () => {
    await expect(createRedisStreamStore({ url: redis.url, heartbeatMs: 100, leaseMs: 100 })).rejects.toThrow(
      RangeError,
    )
  })

  it('ends a stream whose producer stopped renewing: events kept, then StreamProducerLost, for later readers too', async () => {
    const producer = await createRedisStreamStore({ url: redis.url, ...lease })
    const follower = await createRedisStreamStore({ url: redis.url, ...lease })
    try {
      await producer.open('lost', 'owner')
      await producer.append('lost', 'data: 1\n\n')
      await producer.append('lost', 'data: 2\n\n')
      const following = readAll(follower.follow('lost', 0, new AbortController().signal))
      await producer.close() // its heartbeat stops, as if the process died
      const { read, error } = await following
      expect(read).toEqual(['data: 1\n\n', 'data: 2\n\n'])
      expect(error).toBeInstanceOf(StreamProducerLost)
      // Marked ended in the store: a later reader ends the same way without waiting for a lease.
      const later = await readAll(follower.follow('lost', 1, new AbortController().signal))
      expect(later.read).toEqual(['data: 2\n\n'])
      expect(later.error).toBeInstanceOf(StreamProducerLost)
    } finally {
      await Promise.all([producer.close(), follower.close()])
    }
  })

  it('leaves a quiet stream alone while its producer renews the lease', async () => {
    const producer = await createRedisStreamStore({ url: redis.url, ...lease })
    const follower = await createRedisStreamStore({ url: redis.url, ...lease })
    try {
      await producer.open('quiet', 'owner')
      const following = readAll(follower.follow('quiet', 0, new AbortController().signal))
      // Silent for several leases, then the answer goes on and ends.
      await new Promise((resolve) => setTimeout(resolve, lease.leaseMs * 4))
      await producer.append('quiet', 'data: late\n\n')
      await producer.end('quiet', true)
      expect(await following).toEqual({ read: ['data: late\n\n'], error: undefined })
    } finally {
      await Promise.all([producer.close(), follower.close()])
    }
  })
})
