import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readItemRows } from '../../../../src/renderer/db/item-rows'
import { quarantineItems, sweepItems } from '../../../../src/renderer/db/quarantine'
import type { LullDb } from '../../../../src/renderer/db/schema'
import { ingestHeld, openFreshDb, putRawItem, sourceItem, storedItem } from './fixtures'

const t0 = 1_700_000_100_000
let db: LullDb

beforeEach(() => {
  db = openFreshDb()
})
afterEach(() => db.close())

const noPause = () => Promise.resolve()

describe('sweepItems', () => {
  it('sets aside rows no index range reaches: a bad status, a bad receive time', async () => {
    await ingestHeld(db, [sourceItem(1), sourceItem(4)], t0)
    await putRawItem(db, { ...storedItem(2, { status: 'held', receivedAt: t0 }), status: 'archived' })
    await putRawItem(db, { ...storedItem(3, { status: 'held', receivedAt: t0 }), receivedAt: 'yesterday' })

    const result = await sweepItems(db, { chunkSize: 1, now: () => t0 + 5, pause: noPause })

    expect(result).toEqual({ scanned: 4, quarantined: 2 })
    expect((await db.items.toCollection().primaryKeys()).sort()).toEqual(['acct-1:m1', 'acct-1:m4'])
    const setAside = await db.quarantine.orderBy('id').toArray()
    expect(setAside.map((row) => [row.id, row.at])).toEqual([
      ['acct-1:m2', t0 + 5],
      ['acct-1:m3', t0 + 5],
    ])
    expect(setAside[0]?.reason).toContain('status')
    expect(setAside[1]?.reason).toContain('receivedAt')
  })

  it('reads the table in chunks of the size asked, pausing between them', async () => {
    await ingestHeld(
      db,
      [1, 2, 3, 4, 5].map((n) => sourceItem(n)),
      t0,
    )
    let pauses = 0

    const result = await sweepItems(db, {
      chunkSize: 2,
      pause: async () => {
        pauses += 1
      },
    })

    expect(result).toEqual({ scanned: 5, quarantined: 0 })
    expect(pauses).toBe(2)
  })

  it('sets aside a row whose key is not a string', async () => {
    await putRawItem(db, { ...storedItem(1, { status: 'held', receivedAt: t0 }), id: 42 })

    const result = await sweepItems(db, { pause: noPause })

    expect(result.quarantined).toBe(1)
    expect(await db.items.count()).toBe(0)
    expect((await db.quarantine.get('42'))?.reason).toContain('id')
  })
})

describe('quarantineItems', () => {
  it('leaves a row that was rewritten as a valid item since it was read', async () => {
    await putRawItem(db, { ...storedItem(1, { status: 'held', receivedAt: t0 }), author: null })
    const { bad } = readItemRows(await db.items.toArray())
    await db.items.put(storedItem(1, { status: 'held', receivedAt: t0 }))

    expect(await quarantineItems(db, bad, t0 + 2)).toBe(0)
    expect(await db.quarantine.count()).toBe(0)
    expect((await db.items.get('acct-1:m1'))?.author.name).toBe('Dana Whitfield')
  })
})
