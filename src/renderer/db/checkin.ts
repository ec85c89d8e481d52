// A check-in in storage: every held item, and every snoozed item that is due,
// becomes delivered in one digest, in one transaction, with the check-in's
// pending notice beside it. A held row that no longer parses as an item is
// set aside in the same transaction instead of breaking the check-in. Held
// items are moved a page at a time, so a check-in of 50,000 items never
// holds the page's thread for one long task: between pages the browser
// paints and answers keys.
import Dexie from 'dexie'
import type { Digest, DigestReason, InboxItem } from '../../shared/model'
import { countBySource, readingOrder } from '../../shared/policy'
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
  options: { digestId: string; at: number; reason: DigestReason; isWelcomeBack?: boolean },
): Promise<Digest | null> {
  const { digestId, at, reason } = options
  const tables = [db.items, db.digests, db.meta, db.notices, db.quarantine]
  return db.transaction('rw', tables, async () => {
    await db.meta.put({ key: lastCheckInAtKey, value: at })
    // What the reading order needs of each item, kept small: a check-in can deliver 50,000.
    const placed: Parameters<typeof readingOrder>[0][number][] = []
    const counts = countBySource([])
    const deliver = async (rows: readonly unknown[], isDue: (item: InboxItem) => boolean) => {
      const { items, bad } = readItemRows(rows)
      const delivered = items.filter(isDue).map((item) => delivery(item, digestId, at))
      for (const item of delivered) {
        counts[item.source] += 1
        const { id, needsReply, sentAt, source, container, threadKey, conversationKey } = item
        placed.push({ id, needsReply, sentAt, source, container, threadKey, conversationKey })
      }
      await Promise.all([db.items.bulkPut(delivered), setAside(db, bad, at)])
    }
    // Each page delivered leaves the held range (or is set aside), so the next read starts where it ended.
    for (;;) {
      const page = await firstRowsWithStatus(db, 'held', checkInPageSize)
      if (page.length === 0) break
      await deliver(page, () => true)
    }
    // Snoozed items are few; only the due ones come back.
    await deliver(await firstRowsWithStatus(db, 'snoozed', Number.POSITIVE_INFINITY), (item) => {
      return (item.snoozedUntil ?? 0) <= at
    })
    if (placed.length === 0) return null
    const { itemIds, conversations } = readingOrder(placed)
    const digest: Digest = { id: digestId, at, reason, itemIds, counts, conversations }
    if (options.isWelcomeBack) digest.isWelcomeBack = true
    await Promise.all([
      db.digests.put(digest),
      reason === 'manual' ? null : db.notices.put(checkInNotice(digestId, at)),
    ])
    return digest
  })
}

function checkInNotice(digestId: string, at: number): PendingNotice {
  return { id: checkInNoticeId(digestId), kind: 'check-in', digestId, at, attempts: 0, nextAttemptAt: at }
}

/** Items moved in one step of a check-in: small enough that a step stays well under a frame budget's worth of long task. */
export const checkInPageSize = 500

/** The oldest rows with a status, as stored: they are read through the schema before anything uses them. */
function firstRowsWithStatus(db: LullDb, status: 'held' | 'snoozed', limit: number): Promise<unknown[]> {
  const range = db.items.where('[status+receivedAt]').between([status, Dexie.minKey], [status, Dexie.maxKey])
  return (Number.isFinite(limit) ? range.limit(limit) : range).toArray()
}

function delivery(item: InboxItem, digestId: string, at: number): InboxItem {
  const { snoozedUntil: _returned, ...rest } = item
  return { ...rest, status: 'delivered', deliveredAt: at, digestId }
}
