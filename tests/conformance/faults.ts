// Promises about failure: a fault at any page stores nothing past the last
// whole page and the next pull catches up; a 429 is waited out without a
// storm; revoked credentials are said as such and keep what was stored; the
// ledger counts every request the server saw.
import { expect, it } from 'vitest'
import { HostError, type HostErrorCode } from '../../src/shared/contract'
import type { FaultKind } from './adapter'
import { type Harness, tokenCounts } from './harness'
import { backlogSize } from './paging'

const codeOf: Record<Exclude<FaultKind, '429'>, HostErrorCode> = {
  drop: 'source-unreachable',
  timeout: 'source-unreachable',
  '5xx': 'source-unreachable',
  malformed: 'source-junk',
}

const faultCases = (['drop', 'timeout', '5xx', 'malformed'] as const).flatMap((kind) =>
  [0, 1, 2].map((page) => ({ kind, page })),
)

const idsOf = (items: ReadonlyArray<{ id: string }>) => items.map((item) => item.id).sort()

/** The HostError a call ended in; fails the test if it did not fail. */
async function failureOf(call: Promise<unknown>): Promise<HostError> {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason,
  )
  if (error instanceof HostError) return error
  throw new Error(`expected the call to fail with a HostError, it ended with ${String(error)}`)
}

export function describeFaults(start: () => Promise<Harness>): void {
  for (const { kind, page } of faultCases) {
    it(`a ${kind} at page ${page + 1} stores nothing past the last whole page, reports it, and the next pull catches up`, async () => {
      const h = await start()
      const [stream] = h.adapter.streams
      const said = await h.sayMany(stream, backlogSize)
      h.adapter.failNext({ kind, page })

      const failed = await h.sync(stream)
      const whole = h.pulls.flatMap((pull) => (pull.answer ? [pull.answer] : []))
      const fault = h.pulls.find((pull) => pull.error)?.error
      expect(whole).toHaveLength(page)
      expect(fault?.code).toBe(codeOf[kind])
      expect(failed.problem).toContain(fault?.message)
      expect(idsOf(await h.stored(stream))).toEqual(idsOf(whole.flatMap((answer) => answer.items)))
      expect(await h.storedCursor(stream)).toBe(whole.at(-1)?.cursor ?? null)

      const caughtUp = await h.sync(stream)
      expect(caughtUp.problem).toBeNull()
      const stored = await h.stored(stream)
      const counts = tokenCounts(stored)
      expect([...counts.keys()].sort()).toEqual([...said].sort())
      expect([...counts.values()].every((count) => count === 1)).toBe(true)
      expect(stored).toHaveLength(said.length)
    })
  }

  it('waits out a 429: one request, none before Retry-After, then no more than an ordinary pull', async () => {
    const h = await start()
    const [stream] = h.adapter.streams
    await h.sayMany(stream, 3)
    const beforeOrdinary = h.adapter.requestCount()
    expect((await h.sync(stream)).problem).toBeNull()
    const ordinaryCost = h.adapter.requestCount() - beforeOrdinary
    const said = await h.sayMany(stream, 3)

    h.adapter.failNext({ kind: '429', retryAfterSeconds: 120 })
    const limitedAt = h.clock.now()
    const beforeLimit = h.adapter.requestCount()
    const limited = await failureOf(h.pull(stream, await h.storedCursor(stream)))
    expect(limited.code).toBe('rate-limited')
    expect(h.adapter.requestCount()).toBe(beforeLimit + 1)
    const retryAt = new Date(limitedAt + 120_000).toISOString()
    expect([retryAt, '120 s'].some((when) => limited.message.includes(when))).toBe(true)

    for (const seconds of [0, 1, 60, 119]) {
      h.clock.jumpTo(limitedAt + seconds * 1000)
      expect((await h.sync(stream)).problem).not.toBeNull()
    }
    expect(h.adapter.requestCount()).toBe(beforeLimit + 1)

    h.clock.jumpTo(limitedAt + 120_000)
    expect((await h.sync(stream)).problem).toBeNull()
    expect(h.adapter.requestCount() - beforeLimit - 1).toBeLessThanOrEqual(ordinaryCost)
    const counts = tokenCounts(await h.stored(stream))
    for (const token of said) expect(counts.get(token)).toBe(1)
  })

  it('fails a pull with bad-credentials once the sign-in is revoked, and keeps what was stored', async () => {
    const h = await start()
    const [stream] = h.adapter.streams
    await h.sayMany(stream, 3)
    await h.sync(stream)
    const before = idsOf(await h.stored(stream))
    expect(before).toHaveLength(3)

    h.adapter.revokeCredentials()
    await h.sayMany(stream, 2)
    const refused = await failureOf(h.pull(stream, await h.storedCursor(stream)))
    expect(refused.code).toBe('bad-credentials')
    const outcome = await h.sync(stream)
    expect(outcome.problem).toContain(refused.message)
    expect(idsOf(await h.stored(stream))).toEqual(before)
  })

  it('says bad-credentials when the account is verified after the sign-in was revoked', async () => {
    const h = await start()
    h.adapter.revokeCredentials()
    const refused = await failureOf(h.client.call('account:verify', { account: h.ref }))
    expect(refused.code).toBe('bad-credentials')
  })

  it('counts every request its server saw in the ledger, a 429 as rate-limited', async () => {
    const h = await start()
    const [stream] = h.adapter.streams
    await h.sayMany(stream, 3)
    await h.sync(stream)
    h.adapter.failNext({ kind: '429', retryAfterSeconds: 30 })
    await failureOf(h.pull(stream, null))
    const { entries } = await h.client.call('ledger:summary', { since: 0 })
    const mine = entries.filter((entry) => entry.accountId === h.account.id)
    expect(mine.reduce((sum, entry) => sum + entry.count, 0)).toBe(h.adapter.requestCount())
    const limited = mine.filter((entry) => entry.result === 'rate-limited')
    expect(limited.reduce((sum, entry) => sum + entry.count, 0)).toBe(1)
  })
}
