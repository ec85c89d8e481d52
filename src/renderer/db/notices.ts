// Notifications still to be shown, kept in the store so that a window that
// dies between storing an urgent item (or a digest) and showing its
// notification still shows it after a restart. Rows are written in the same
// transaction as what they announce, and deleted once shown.
import type { PendingNotice } from './schema'
import { breakthroughNoticeId, type LullDb } from './schema'

/** The first retries come quickly (a host busy for a moment), later ones slowly. */
const retryDelaysMs = [5_000, 15_000, 45_000, 2 * 60_000, 5 * 60_000]
export const maxNoticeAttempts = retryDelaysMs.length + 1

/** The pending notice for an urgent item; put it in the transaction that stores the item. */
export function breakthroughNotice(item: { id: string; urgentRuleId: string }, at: number): PendingNotice {
  return {
    id: breakthroughNoticeId(item.id),
    kind: 'breakthrough',
    itemId: item.id,
    ruleId: item.urgentRuleId,
    at,
    attempts: 0,
    nextAttemptAt: at,
  }
}

export function listDueNotices(db: LullDb, now: number): Promise<PendingNotice[]> {
  return db.notices.where('nextAttemptAt').belowOrEqual(now).toArray()
}

/** The earliest moment a pending notice wants another try, or null with none pending. */
export async function nextNoticeAt(db: LullDb): Promise<number | null> {
  const first = await db.notices.orderBy('nextAttemptAt').first()
  return first?.nextAttemptAt ?? null
}

/**
 * Count a failed try: the notice waits longer each time. Answers false when
 * it has had its last try and was dropped, so the caller can say so.
 */
export async function deferNotice(db: LullDb, notice: PendingNotice, now: number): Promise<boolean> {
  const attempts = notice.attempts + 1
  const delay = retryDelaysMs[attempts - 1]
  if (delay === undefined) {
    await db.notices.delete(notice.id)
    return false
  }
  await db.notices.put({ ...notice, attempts, nextAttemptAt: now + delay })
  return true
}

/** Hold a notice back without counting a try (a check-in notice during deep work). */
export async function postponeNotice(db: LullDb, id: string, until: number): Promise<void> {
  await db.notices.update(id, { nextAttemptAt: until })
}
