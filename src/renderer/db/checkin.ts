// A check-in in storage: every held item, and every snoozed item that is due,
// becomes delivered in one digest, in one transaction, with the check-in's
// pending notice beside it. A held row that no longer parses as an item is
// set aside in the same transaction instead of breaking the check-in.
import Dexie from 'dexie'
import type { Digest, DigestReason, InboxItem } from '../../shared/model'
import { countBySource } from '../../shared/policy'
import { readItemRows } from './item-rows'
import { setAside } from './quarantine'
import { checkInNoticeId, type LullDb, type PendingNotice } from './schema'

export const lastCheckInAtKey = 'lastCheckInAt'

/**
 * Delivers what waits and returns the digest, or null when nothing waited.
 * Records the check-in time either way. A scheduled or catch-up digest also
 * leaves a pending 'check-in' notice for the engine to show; a manual one
 * does not (the user asked and is looking). Two calls at once deliver each
 * item once: IndexedDB runs overlapping read-write transactions one after
 * the other, so the second finds nothing held.
 */
export function deliverHeld(
  db: LullDb,
  options: { digestId: string; at: number; reason: DigestReason },
): Promise<Digest | null> {
  const { digestId, at, reason } = options
  const tables = [db.items, db.digests, db.meta, db.notices, db.quarantine]
  return db.transaction('rw', tables, async () => {
    const [heldRows, snoozedRows] = await Promise.all([
      rowsWithStatus(db, 'held'),
      rowsWithStatus(db, 'snoozed'),
    ])
    const held = readItemRows(heldRows)
    const snoozed = readItemRows(snoozedRows)
    const due = [...held.items, ...snoozed.items.filter((item) => (item.snoozedUntil ?? 0) <= at)]
    await Promise.all([
      db.meta.put({ key: lastCheckInAtKey, value: at }),
      setAside(db, [...held.bad, ...snoozed.bad], at),
    ])
    if (due.length === 0) return null
    const delivered = due.map((item) => delivery(item, digestId, at))
    const digest: Digest = {
      id: digestId,
      at,
      reason,
      itemIds: delivered.map((item) => item.id),
      counts: countBySource(delivered),
    }
    await Promise.all([
      db.items.bulkPut(delivered),
      db.digests.put(digest),
      reason === 'manual' ? null : db.notices.put(checkInNotice(digestId, at)),
    ])
    return digest
  })
}

function checkInNotice(digestId: string, at: number): PendingNotice {
  return { id: checkInNoticeId(digestId), kind: 'check-in', digestId, at, attempts: 0, nextAttemptAt: at }
}

/** Rows as stored: they are read through the schema before anything uses them. */
function rowsWithStatus(db: LullDb, status: 'held' | 'snoozed'): Promise<unknown[]> {
  return db.items
    .where('[status+receivedAt]')
    .between([status, Dexie.minKey], [status, Dexie.maxKey])
    .toArray()
}

function delivery(item: InboxItem, digestId: string, at: number): InboxItem {
  const { snoozedUntil: _returned, ...rest } = item
  return { ...rest, status: 'delivered', deliveredAt: at, digestId }
}
