// Snoozing from a list: several items in one transaction, remembering what
// each was, so undo puts every one back exactly as it was (a held item stays
// held for its check-in, a snoozed one keeps its old time).
import type { InboxItem, ItemStatus } from '../../shared/model'
import type { LullDb } from './schema'

/** What snoozing changed on one item. */
export type SnoozedFrom = { id: string; status: ItemStatus; snoozedUntil?: number; until: number }

/**
 * Snooze items until the first check-in at or after `until`. Done items and
 * missing ones are left alone; the answer lists what changed, for undo.
 */
export function snoozeAll(db: LullDb, itemIds: readonly string[], until: number): Promise<SnoozedFrom[]> {
  return db.transaction('rw', db.items, async () => {
    const stored = await db.items.bulkGet([...itemIds])
    const changed = stored.filter((item): item is InboxItem => item !== undefined && item.status !== 'done')
    await db.items.bulkPut(changed.map((item) => ({ ...item, status: 'snoozed', snoozedUntil: until })))
    return changed.map((item) => {
      const from: SnoozedFrom = { id: item.id, status: item.status, until }
      if (item.snoozedUntil !== undefined) from.snoozedUntil = item.snoozedUntil
      return from
    })
  })
}

/**
 * Undo a snooze: each item still snoozed to that time gets its status and
 * time back. One a check-in has delivered since, or the person has moved on
 * (done, snoozed again), is left as it is now. Answers how many came back.
 */
export function unsnoozeAll(db: LullDb, snoozed: readonly SnoozedFrom[]): Promise<number> {
  return db.transaction('rw', db.items, async () => {
    const stored = await db.items.bulkGet(snoozed.map((from) => from.id))
    const restored: InboxItem[] = []
    snoozed.forEach((from, index) => {
      const item = stored[index]
      if (item?.status !== 'snoozed' || item.snoozedUntil !== from.until) return
      const { snoozedUntil: _snoozed, ...rest } = item
      const back: InboxItem = { ...rest, status: from.status }
      if (from.snoozedUntil !== undefined) back.snoozedUntil = from.snoozedUntil
      restored.push(back)
    })
    await db.items.bulkPut(restored)
    return restored.length
  })
}
