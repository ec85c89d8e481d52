// The write-back outbox in the store: "done" (and "read") queued in the same
// transaction that changes the item, so a restart still sends it, and undo
// before it is sent takes it back.
import { asDone, type InboxItem, undone } from '../../shared/model'
import type { LullDb, OutboxRow } from './schema'

/** Tries spread over about two hours, then the write is shown as failed. */
const retryDelaysMs = [10_000, 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000]

export const outboxId = (action: OutboxRow['action'], itemId: string) => `${action}:${itemId}`

function queuedWrite(
  action: OutboxRow['action'],
  item: Pick<InboxItem, 'id' | 'accountId' | 'externalId'>,
  kind: OutboxRow['kind'],
  now: number,
  previousStatus: InboxItem['status'],
): OutboxRow {
  return {
    id: outboxId(action, item.id),
    action,
    itemId: item.id,
    accountId: item.accountId,
    kind,
    externalId: item.externalId,
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    state: 'pending',
    error: null,
    previousStatus,
  }
}

/**
 * Mark an item done and queue the write to its source, in one transaction.
 * False when there is no such item. `kind` is the account's kind.
 */
export function markDoneWithWriteBack(
  db: LullDb,
  item: Pick<InboxItem, 'id' | 'accountId' | 'externalId'>,
  kind: OutboxRow['kind'],
  now: number,
): Promise<boolean> {
  return db.transaction('rw', db.items, db.outbox, async () => {
    const stored = await db.items.get(item.id)
    if (!stored || stored.status === 'done') return false
    await db.items.put(asDone(stored, now))
    await db.outbox.put(queuedWrite('done', item, kind, now, stored.status))
    return true
  })
}

/** Queue "read" for an item (the person opened it and asked for read to be written back). */
export async function queueRead(
  db: LullDb,
  item: Pick<InboxItem, 'id' | 'accountId' | 'externalId' | 'status'>,
  kind: OutboxRow['kind'],
  now: number,
): Promise<void> {
  const id = outboxId('read', item.id)
  await db.transaction('rw', db.outbox, async () => {
    if (await db.outbox.get(id)) return
    await db.outbox.put(queuedWrite('read', item, kind, now, item.status))
  })
}

/**
 * Undo "done": the item gets its status back, and a write not yet sent is
 * cancelled. Answers 'cancelled', 'too-late' (already written to the
 * source; the item is back in Lull all the same) or 'nothing'.
 */
export function undoDone(db: LullDb, itemId: string): Promise<'cancelled' | 'too-late' | 'nothing'> {
  return db.transaction('rw', db.items, db.outbox, async () => {
    const item = await db.items.get(itemId)
    if (item?.status !== 'done') return 'nothing'
    const queued = await db.outbox.get(outboxId('done', itemId))
    await db.items.put(undone(item, queued?.previousStatus ?? 'delivered'))
    if (!queued) return 'too-late'
    await db.outbox.delete(queued.id)
    return 'cancelled'
  })
}

export function listDueWrites(db: LullDb, now: number): Promise<OutboxRow[]> {
  return db.outbox
    .where('nextAttemptAt')
    .belowOrEqual(now)
    .filter((row) => row.state === 'pending')
    .toArray()
}

export async function nextWriteAt(db: LullDb): Promise<number | null> {
  const rows = await db.outbox
    .orderBy('nextAttemptAt')
    .filter((row) => row.state === 'pending')
    .first()
  return rows?.nextAttemptAt ?? null
}

/**
 * A write that failed: wait longer, or after the last try keep it as failed
 * with the reason. A row undone while its write was under way stays gone.
 */
export function writeFailed(
  db: LullDb,
  row: OutboxRow,
  error: string,
  now: number,
): Promise<'retry' | 'failed' | 'gone'> {
  return db.transaction('rw', db.outbox, async () => {
    if (!(await db.outbox.get(row.id))) return 'gone'
    const attempts = row.attempts + 1
    const delay = retryDelaysMs[attempts - 1]
    if (delay === undefined) {
      await db.outbox.put({ ...row, attempts, state: 'failed', error })
      return 'failed'
    }
    await db.outbox.put({ ...row, attempts, nextAttemptAt: now + delay, error })
    return 'retry'
  })
}

/** The failed writes, for the items and the accounts view. */
export function listFailedWrites(db: LullDb): Promise<OutboxRow[]> {
  return db.outbox.filter((row) => row.state === 'failed').toArray()
}

/** Try a failed write again now (the person asked). */
export async function retryWrite(db: LullDb, id: string, now: number): Promise<void> {
  await db.outbox.update(id, { state: 'pending', attempts: 0, nextAttemptAt: now, error: null })
}
