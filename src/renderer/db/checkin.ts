// A check-in in storage: every held item, and every snoozed item that is due,
// becomes delivered in one digest, in one transaction.
import Dexie from 'dexie'
import type { Digest, DigestReason, InboxItem } from '../../shared/model'
import type { LullDb } from './schema'

export const lastCheckInAtKey = 'lastCheckInAt'

/**
 * Delivers what waits and returns the digest, or null when nothing waited.
 * Records the check-in time either way. Two calls at once deliver each item
 * once: IndexedDB runs overlapping read-write transactions one after the
 * other, so the second finds nothing held.
 */
export function deliverHeld(
  db: LullDb,
  options: { digestId: string; at: number; reason: DigestReason },
): Promise<Digest | null> {
  const { digestId, at, reason } = options
  return db.transaction('rw', db.items, db.digests, db.meta, async () => {
    const [held, snoozed] = await Promise.all([itemsWithStatus(db, 'held'), itemsWithStatus(db, 'snoozed')])
    const due = [...held, ...snoozed.filter((item) => (item.snoozedUntil ?? 0) <= at)]
    await db.meta.put({ key: lastCheckInAtKey, value: at })
    if (due.length === 0) return null
    const delivered = due.map((item) => delivery(item, digestId, at))
    const digest: Digest = {
      id: digestId,
      at,
      reason,
      itemIds: delivered.map((item) => item.id),
      counts: countBySource(delivered),
    }
    await Promise.all([db.items.bulkPut(delivered), db.digests.put(digest)])
    return digest
  })
}

function itemsWithStatus(db: LullDb, status: 'held' | 'snoozed'): Promise<InboxItem[]> {
  return db.items
    .where('[status+receivedAt]')
    .between([status, Dexie.minKey], [status, Dexie.maxKey])
    .toArray()
}

function delivery(item: InboxItem, digestId: string, at: number): InboxItem {
  const { snoozedUntil: _returned, ...rest } = item
  return { ...rest, status: 'delivered', deliveredAt: at, digestId }
}

function countBySource(items: InboxItem[]): Digest['counts'] {
  const counts = { slack: 0, github: 0, email: 0 }
  for (const item of items) counts[item.source] += 1
  return counts
}
