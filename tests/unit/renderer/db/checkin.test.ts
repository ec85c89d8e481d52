import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { checkInPageSize, deliverHeld } from '../../../../src/renderer/db/checkin'
import { getMeta, markDone, snooze } from '../../../../src/renderer/db/repositories'
import type { LullDb } from '../../../../src/renderer/db/schema'
import { ingestHeld, openFreshDb, putRawItem, sourceItem, storedItem } from './fixtures'

const t0 = 1_700_000_100_000
const at = t0 + 3_600_000
let db: LullDb

beforeEach(() => {
  db = openFreshDb()
})
afterEach(() => db.close())

describe('deliverHeld', () => {
  it('delivers every held item into one digest', async () => {
    await ingestHeld(db, [sourceItem(1), sourceItem(2)], t0)

    const digest = await deliverHeld(db, { digestId: 'd1', at, reason: 'scheduled' })

    expect(digest).toMatchObject({ id: 'd1', at, reason: 'scheduled', itemIds: ['acct-1:m1', 'acct-1:m2'] })
    expect(await db.digests.get('d1')).toEqual(digest)
    const items = await db.items.toArray()
    expect(items.map((item) => [item.status, item.deliveredAt, item.digestId])).toEqual([
      ['delivered', at, 'd1'],
      ['delivered', at, 'd1'],
    ])
  })

  it('delivers a backlog bigger than a page in arrival order, each item once, setting aside a bad row among them', async () => {
    const count = checkInPageSize * 2 + 3
    await db.items.bulkPut(
      Array.from({ length: count }, (_, n) => storedItem(n + 1, { status: 'held', receivedAt: t0 + n })),
    )
    // A bad row in the middle of the second page.
    await putRawItem(db, {
      ...storedItem(9_999, { status: 'held', receivedAt: t0 + checkInPageSize + 7 }),
      source: 'teams',
    })

    const digest = await deliverHeld(db, { digestId: 'd1', at, reason: 'scheduled' })

    expect(digest?.itemIds).toEqual(Array.from({ length: count }, (_, n) => `acct-1:m${n + 1}`))
    expect(digest?.counts).toEqual({ slack: count, github: 0, email: 0 })
    expect(await db.items.where('status').equals('held').count()).toBe(0)
    expect(await db.quarantine.count()).toBe(1)
  })

  it('delivers a held item only once across check-ins', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)
    await deliverHeld(db, { digestId: 'd1', at, reason: 'scheduled' })

    const second = await deliverHeld(db, { digestId: 'd2', at: at + 1, reason: 'scheduled' })

    expect(second).toBeNull()
    expect(await db.digests.count()).toBe(1)
    expect((await db.items.get('acct-1:m1'))?.deliveredAt).toBe(at)
  })

  it('delivers each held item once when two check-ins run at the same time', async () => {
    await ingestHeld(db, [sourceItem(1), sourceItem(2), sourceItem(3)], t0)

    const digests = await Promise.all([
      deliverHeld(db, { digestId: 'd1', at, reason: 'scheduled' }),
      deliverHeld(db, { digestId: 'd2', at, reason: 'manual' }),
    ])

    const delivered = digests.flatMap((digest) => digest?.itemIds ?? [])
    expect(delivered.sort()).toEqual(['acct-1:m1', 'acct-1:m2', 'acct-1:m3'])
    expect(digests.filter((digest) => digest === null)).toHaveLength(1)
  })

  it('returns a snoozed item at the first check-in at or after its time', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)
    await deliverHeld(db, { digestId: 'd1', at, reason: 'scheduled' })
    await snooze(db, 'acct-1:m1', at + 1_000)

    const early = await deliverHeld(db, { digestId: 'd2', at: at + 999, reason: 'scheduled' })
    const due = await deliverHeld(db, { digestId: 'd3', at: at + 1_000, reason: 'scheduled' })

    expect(early).toBeNull()
    expect(due?.itemIds).toEqual(['acct-1:m1'])
    const item = await db.items.get('acct-1:m1')
    expect(item).toMatchObject({ status: 'delivered', deliveredAt: at + 1_000, digestId: 'd3' })
    expect(item).not.toHaveProperty('snoozedUntil')
  })

  it('leaves done and already delivered items alone', async () => {
    await ingestHeld(db, [sourceItem(1), sourceItem(2)], t0)
    await deliverHeld(db, { digestId: 'd1', at, reason: 'scheduled' })
    await markDone(db, 'acct-1:m2', at + 1)
    await ingestHeld(db, [sourceItem(3)], at + 2)

    const digest = await deliverHeld(db, { digestId: 'd2', at: at + 10, reason: 'scheduled' })

    expect(digest?.itemIds).toEqual(['acct-1:m3'])
    expect((await db.items.get('acct-1:m1'))?.digestId).toBe('d1')
    expect((await db.items.get('acct-1:m2'))?.status).toBe('done')
  })

  it('counts the digest by source', async () => {
    await ingestHeld(
      db,
      [
        sourceItem(1),
        sourceItem(2),
        sourceItem(3, { source: 'github', github: { reason: 'mention', subjectType: 'Issue' } }),
        sourceItem(4, { source: 'email', email: { from: 'ops@acme.test' } }),
      ],
      t0,
    )

    const digest = await deliverHeld(db, { digestId: 'd1', at, reason: 'catch-up' })

    expect(digest?.counts).toEqual({ slack: 2, github: 1, email: 1 })
  })

  it('records the check-in time even when nothing waited', async () => {
    const digest = await deliverHeld(db, { digestId: 'd1', at, reason: 'scheduled' })

    expect(digest).toBeNull()
    expect(await db.digests.count()).toBe(0)
    expect(await getMeta(db, 'lastCheckInAt', z.number(), null)).toBe(at)
  })

  it('leaves a pending check-in notice with a scheduled digest, in the same transaction', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)

    await deliverHeld(db, { digestId: 'd1', at, reason: 'scheduled' })

    expect(await db.notices.toArray()).toEqual([
      { id: 'check-in:d1', kind: 'check-in', digestId: 'd1', at, attempts: 0, nextAttemptAt: at },
    ])
  })

  it('leaves a pending notice with a catch-up digest too', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)

    await deliverHeld(db, { digestId: 'd1', at, reason: 'catch-up' })

    expect((await db.notices.get('check-in:d1'))?.kind).toBe('check-in')
  })

  it('leaves no notice for a manual check-in or a check-in with nothing held', async () => {
    await deliverHeld(db, { digestId: 'd0', at, reason: 'scheduled' })
    await ingestHeld(db, [sourceItem(1)], t0)
    await deliverHeld(db, { digestId: 'd1', at: at + 1, reason: 'manual' })

    expect(await db.notices.count()).toBe(0)
  })

  it('writes neither digest nor notice when the check-in fails part way', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)
    // The notice is the last write: a notice already there under its id,
    // and a hook that refuses to change it, makes that write fail.
    await db.notices.put({
      id: 'check-in:d1',
      kind: 'check-in',
      digestId: 'd1',
      at: 0,
      attempts: 0,
      nextAttemptAt: 0,
    })
    db.notices.hook('updating', () => {
      throw new Error('notice write refused')
    })

    await expect(deliverHeld(db, { digestId: 'd1', at, reason: 'scheduled' })).rejects.toThrow(
      'notice write refused',
    )

    expect((await db.items.get('acct-1:m1'))?.status).toBe('held')
    expect(await db.digests.count()).toBe(0)
    expect(await getMeta(db, 'lastCheckInAt', z.number(), null)).toBeNull()
  })

  it('sets a held row that is not an item aside and delivers the rest', async () => {
    await ingestHeld(db, [sourceItem(1), sourceItem(2)], t0)
    const { author: _missing, ...withoutAuthor } = storedItem(3, { status: 'held', receivedAt: t0 })
    await putRawItem(db, withoutAuthor)

    const digest = await deliverHeld(db, { digestId: 'd1', at, reason: 'scheduled' })

    expect(digest?.itemIds).toEqual(['acct-1:m1', 'acct-1:m2'])
    expect(await db.items.get('acct-1:m3')).toBeUndefined()
    const setAside = await db.quarantine.get('acct-1:m3')
    expect(setAside).toMatchObject({ table: 'items', row: withoutAuthor, at })
    expect(setAside?.reason).toContain('author')
  })

  it('sets aside a held row with a source Lull does not know instead of counting it', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)
    await putRawItem(db, { ...storedItem(2, { status: 'held', receivedAt: t0 }), source: 'teams' })

    const digest = await deliverHeld(db, { digestId: 'd1', at, reason: 'scheduled' })

    expect(digest?.counts).toEqual({ slack: 1, github: 0, email: 0 })
    expect((await db.quarantine.get('acct-1:m2'))?.reason).toContain('source')
  })
})
