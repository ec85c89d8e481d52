import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ingestBatch } from '../../../../src/renderer/db/ingest'
import { getCursor, markDone, snooze } from '../../../../src/renderer/db/repositories'
import type { LullDb } from '../../../../src/renderer/db/schema'
import { ingestHeld, neverUrgent, openFreshDb, sourceItem } from './fixtures'

const t0 = 1_700_000_100_000
let db: LullDb

beforeEach(() => {
  db = openFreshDb()
})
afterEach(() => db.close())

function countWrites(db: LullDb) {
  const writes = { created: 0, updated: 0 }
  db.items.hook('creating', () => {
    writes.created += 1
  })
  db.items.hook('updating', () => {
    writes.updated += 1
  })
  return writes
}

describe('ingestBatch', () => {
  it('stores a new batch as held, received now, and writes the stream cursor', async () => {
    const result = await ingestBatch(db, {
      accountId: 'acct-1',
      stream: 'C01',
      items: [sourceItem(1), sourceItem(2)],
      cursor: 'c1',
      pollAfterMs: 60_000,
      now: t0,
      classify: neverUrgent,
    })

    expect(result.added.map((item) => item.id)).toEqual(['acct-1:m1', 'acct-1:m2'])
    const stored = await db.items.toArray()
    expect(stored.map((item) => [item.status, item.receivedAt, item.deliveredAt])).toEqual([
      ['held', t0, undefined],
      ['held', t0, undefined],
    ])
    expect(await getCursor(db, 'acct-1', 'C01')).toEqual({
      key: 'acct-1|C01',
      accountId: 'acct-1',
      stream: 'C01',
      cursor: 'c1',
      pollAfterMs: 60_000,
      updatedAt: t0,
    })
  })

  it('delivers an item that matches an urgent rule at once, naming the rule', async () => {
    await ingestBatch(db, {
      accountId: 'acct-1',
      stream: 'C01',
      items: [sourceItem(1), sourceItem(2, { container: '#incidents' })],
      cursor: 'c1',
      now: t0,
      classify: (item) => (item.container === '#incidents' ? 'rule-incidents' : null),
    })

    const urgent = await db.items.get('acct-1:m2')
    expect(urgent).toMatchObject({ status: 'delivered', deliveredAt: t0, urgentRuleId: 'rule-incidents' })
    expect((await db.items.get('acct-1:m1'))?.status).toBe('held')
  })

  it('adds nothing when the same batch comes again', async () => {
    const batch = [sourceItem(1), sourceItem(2), sourceItem(3)]
    await ingestHeld(db, batch, t0)

    const again = await ingestHeld(db, batch, t0 + 1_000)

    expect(again).toEqual({ added: [], updated: 0, unchanged: 3 })
    expect(await db.items.count()).toBe(3)
  })

  it('keeps done and snoozed state and first receipt when a changed item comes again', async () => {
    await ingestHeld(db, [sourceItem(1), sourceItem(2)], t0)
    await markDone(db, 'acct-1:m1', t0 + 10)
    await snooze(db, 'acct-1:m2', t0 + 3_600_000)

    const again = await ingestHeld(
      db,
      [sourceItem(1, { title: 'Edited' }), sourceItem(2, { text: 'Edited' })],
      t0 + 20,
    )

    expect(again.updated).toBe(2)
    expect(await db.items.get('acct-1:m1')).toMatchObject({
      status: 'done',
      receivedAt: t0,
      deliveredAt: t0 + 10,
      title: 'Edited',
    })
    expect(await db.items.get('acct-1:m2')).toMatchObject({
      status: 'snoozed',
      receivedAt: t0,
      snoozedUntil: t0 + 3_600_000,
      text: 'Edited',
    })
  })

  it('does not ask whether an item seen before is urgent, so a held item stays held', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)

    await ingestBatch(db, {
      accountId: 'acct-1',
      stream: 'C01',
      items: [sourceItem(1, { title: 'Edited' })],
      cursor: 'c2',
      now: t0 + 1,
      classify: () => 'rule-incidents',
    })

    expect((await db.items.get('acct-1:m1'))?.status).toBe('held')
  })

  it('does not write unchanged items again', async () => {
    const batch = [sourceItem(1), sourceItem(2), sourceItem(3)]
    await ingestHeld(db, batch, t0)
    const writes = countWrites(db)

    await ingestHeld(db, batch, t0 + 1_000)

    expect(writes).toEqual({ created: 0, updated: 0 })
  })

  it('writes nothing when a re-pull brings the same items and the same cursor', async () => {
    const batch = [sourceItem(1), sourceItem(2)]
    await ingestHeld(db, batch, t0, 'c1')
    const writes = countWrites(db)
    let cursorWrites = 0
    db.cursors.hook('updating', () => {
      cursorWrites += 1
    })

    await ingestHeld(db, batch, t0 + 1_000, 'c1')

    expect({ ...writes, cursorWrites }).toEqual({ created: 0, updated: 0, cursorWrites: 0 })
  })

  it('rewrites only the item whose content changed', async () => {
    await ingestHeld(db, [sourceItem(1), sourceItem(2), sourceItem(3)], t0)
    const writes = countWrites(db)

    const again = await ingestHeld(
      db,
      [sourceItem(1), sourceItem(2, { title: 'Edited' }), sourceItem(3)],
      t0 + 1,
    )

    expect(writes).toEqual({ created: 0, updated: 1 })
    expect(again).toMatchObject({ updated: 1, unchanged: 2 })
  })

  it('drops a field the source no longer sends', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)
    const { url: _removed, ...withoutUrl } = sourceItem(1)

    await ingestHeld(db, [withoutUrl], t0 + 1)

    expect(await db.items.get('acct-1:m1')).not.toHaveProperty('url')
  })

  it('recognises items seen before when other stored items crowd the id range of the batch', async () => {
    // Unpadded numbers sort m1, m10…m19, m2, m20…: the batch's range holds far more rows than the batch.
    await ingestHeld(
      db,
      Array.from({ length: 60 }, (_, n) => sourceItem(n + 1)),
      t0,
    )

    const again = await ingestHeld(
      db,
      [sourceItem(1), sourceItem(2), sourceItem(5, { title: 'Edited' }), sourceItem(61)],
      t0 + 1,
    )

    expect(again.added.map((item) => item.id)).toEqual(['acct-1:m61'])
    expect(again).toMatchObject({ updated: 1, unchanged: 2 })
    expect(await db.items.count()).toBe(61)
  })

  it('stores an id repeated within one batch once, with its last content', async () => {
    const result = await ingestHeld(
      db,
      [sourceItem(1, { title: 'First' }), sourceItem(2), sourceItem(1, { title: 'Last' })],
      t0,
    )

    expect(result.added.map((item) => item.id)).toEqual(['acct-1:m1', 'acct-1:m2'])
    expect(await db.items.count()).toBe(2)
    expect((await db.items.get('acct-1:m1'))?.title).toBe('Last')
  })

  it('advances the cursor even when every item was seen before', async () => {
    await ingestHeld(db, [sourceItem(1)], t0, 'c1')

    await ingestHeld(db, [sourceItem(1)], t0 + 1, 'c2')

    expect((await getCursor(db, 'acct-1', 'C01'))?.cursor).toBe('c2')
  })

  it('leaves items and cursor as they were when the cursor write fails', async () => {
    await ingestHeld(db, [sourceItem(1)], t0, 'c1')
    db.cursors.hook('updating', () => {
      throw new Error('disk full')
    })

    await expect(
      ingestHeld(db, [sourceItem(1, { title: 'Edited' }), sourceItem(2)], t0 + 1, 'c2'),
    ).rejects.toThrow('disk full')

    expect(await db.items.toArray()).toEqual([
      expect.objectContaining({ id: 'acct-1:m1', title: 'Message 1' }),
    ])
    expect((await getCursor(db, 'acct-1', 'C01'))?.cursor).toBe('c1')
  })

  it('leaves items and cursor as they were when classifying an item fails', async () => {
    await ingestHeld(db, [sourceItem(1)], t0, 'c1')

    const failing = ingestBatch(db, {
      accountId: 'acct-1',
      stream: 'C01',
      items: [sourceItem(2), sourceItem(3)],
      cursor: 'c2',
      now: t0 + 1,
      classify: (item) => {
        if (item.id === 'acct-1:m3') throw new Error('bad rule')
        return null
      },
    })

    await expect(failing).rejects.toThrow('bad rule')
    expect(await db.items.count()).toBe(1)
    expect((await getCursor(db, 'acct-1', 'C01'))?.cursor).toBe('c1')
  })
})

describe('new activity on an item already seen', () => {
  it('holds a done item again when the source says it changed later (a thread with a new comment)', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)
    await markDone(db, 'acct-1:m1', t0 + 1)
    const later = sourceItem(1, { sentAt: sourceItem(1).sentAt + 60_000, text: 'A new comment' })
    const result = await ingestHeld(db, [later], t0 + 2, 'c2')
    expect(result.added.map((item) => item.id)).toEqual(['acct-1:m1'])
    expect(await db.items.get('acct-1:m1')).toMatchObject({
      status: 'held',
      text: 'A new comment',
      receivedAt: t0 + 2,
    })
  })

  it('keeps a done item done when only its words change (an edit keeps the time it was sent)', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)
    await markDone(db, 'acct-1:m1', t0 + 1)
    const result = await ingestHeld(db, [sourceItem(1, { text: 'typo fixed' })], t0 + 2, 'c2')
    expect(result).toMatchObject({ added: [], updated: 1 })
    expect(await db.items.get('acct-1:m1')).toMatchObject({ status: 'done', text: 'typo fixed' })
  })

  it('leaves a held item held (and its first arrival time) when it changes again before a check-in', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)
    const result = await ingestHeld(db, [sourceItem(1, { sentAt: sourceItem(1).sentAt + 5 })], t0 + 9, 'c2')
    expect(result).toMatchObject({ added: [], updated: 1 })
    expect(await db.items.get('acct-1:m1')).toMatchObject({ status: 'held', receivedAt: t0 })
  })
})
