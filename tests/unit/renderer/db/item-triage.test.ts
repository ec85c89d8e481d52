import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { snoozeAll, unsnoozeAll } from '../../../../src/renderer/db/item-triage'
import type { LullDb } from '../../../../src/renderer/db/schema'
import { openFreshDb, storedItem } from './fixtures'

const t0 = 1_700_000_100_000
let db: LullDb

beforeEach(() => {
  db = openFreshDb()
})
afterEach(() => db.close())

describe('snoozing from a list', () => {
  it('snoozes several items in one step and puts each back as it was', async () => {
    await db.items.bulkPut([
      storedItem(1, { status: 'held', receivedAt: t0 }),
      storedItem(2, { status: 'delivered', receivedAt: t0, deliveredAt: t0 + 5, digestId: 'd1' }),
      storedItem(3, { status: 'snoozed', receivedAt: t0, snoozedUntil: t0 + 50 }),
      storedItem(4, { status: 'done', receivedAt: t0 }),
    ])
    const ids = ['acct-1:m1', 'acct-1:m2', 'acct-1:m3', 'acct-1:m4', 'acct-1:missing']
    const snoozed = await snoozeAll(db, ids, t0 + 100)
    expect(snoozed.map((from) => from.id)).toEqual(['acct-1:m1', 'acct-1:m2', 'acct-1:m3'])
    for (const id of ids.slice(0, 3)) {
      expect(await db.items.get(id)).toMatchObject({ status: 'snoozed', snoozedUntil: t0 + 100 })
    }
    expect((await db.items.get('acct-1:m4'))?.status).toBe('done')

    expect(await unsnoozeAll(db, snoozed)).toBe(3)
    expect(await db.items.get('acct-1:m1')).toMatchObject({ status: 'held' })
    expect((await db.items.get('acct-1:m1'))?.snoozedUntil).toBeUndefined()
    expect(await db.items.get('acct-1:m2')).toMatchObject({
      status: 'delivered',
      deliveredAt: t0 + 5,
      digestId: 'd1',
    })
    expect(await db.items.get('acct-1:m3')).toMatchObject({ status: 'snoozed', snoozedUntil: t0 + 50 })
  })

  it('leaves an item that moved on since (delivered by a check-in, done) as it is now', async () => {
    await db.items.bulkPut([
      storedItem(1, { status: 'delivered', receivedAt: t0 }),
      storedItem(2, { status: 'delivered', receivedAt: t0 }),
    ])
    const snoozed = await snoozeAll(db, ['acct-1:m1', 'acct-1:m2'], t0 + 100)
    await db.items.update('acct-1:m1', { status: 'delivered', snoozedUntil: undefined, digestId: 'd2' })
    expect(await unsnoozeAll(db, snoozed)).toBe(1)
    expect(await db.items.get('acct-1:m1')).toMatchObject({ status: 'delivered', digestId: 'd2' })
  })
})
