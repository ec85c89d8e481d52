// The write-back outbox in the store: "done" (and "read") queued in the same
// transaction that changes the item, so a restart still sends it. A "done"
// waits out the undo window before it goes to its source, so undo within it
// takes the write back and nothing has to be put right at the source by hand.
import { asDone, type InboxItem, undone } from '../../shared/model'
import type { LullDb, OutboxRow } from './schema'

/** Tries spread over about two hours, then the write is shown as failed. */
const retryDelaysMs = [10_000, 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000]

/**
 * How long a "done" waits before it is written to its source. The undo toast
 * shows for a little less, so an Undo pressed as the toast leaves is in time.
 */
export const undoWindowMs = 8_000

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
    // "Read" goes at once (it is never undone); "done" waits out the undo window.
    nextAttemptAt: action === 'done' ? now + undoWindowMs : now,
    state: 'pending',
    error: null,
    previousStatus,
  }
}

/**
 * Mark an item done and queue the write to its source, in one transaction.
 * False when there is no such item. `kind` is the account's kind.
 */
export async function markDoneWithWriteBack(
  db: LullDb,
  item: Pick<InboxItem, 'id' | 'accountId' | 'externalId'>,
  kind: OutboxRow['kind'],
  now: number,
): Promise<boolean> {
  const marked = await markAllDoneWithWriteBack(db, [item.id], () => kind, now)
  return marked.includes(item.id)
}

/**
 * Mark items done and queue their writes, all in one transaction (one step
 * to undo, and one write to the store for "done through here" over hundreds
 * of rows). Done on one message of a conversation is done on the
 * conversation: every other member the person has been handed (delivered
 * or snoozed; a held one still waits for its check-in) is marked too, and
 * each gets its own write to its own source. Answers the ids it marked: an
 * item gone, or done already, is left out.
 */
export function markAllDoneWithWriteBack(
  db: LullDb,
  itemIds: readonly string[],
  kindOf: (accountId: string) => OutboxRow['kind'],
  now: number,
): Promise<string[]> {
  return db.transaction('rw', db.items, db.outbox, async () => {
    const stored = await db.items.bulkGet([...itemIds])
    const asked = stored.filter((item): item is InboxItem => item !== undefined && item.status !== 'done')
    const marked = [...asked, ...(await othersInTheirConversations(db, asked))]
    await db.items.bulkPut(marked.map((item) => asDone(item, now)))
    await db.outbox.bulkPut(
      marked.map((item) => queuedWrite('done', item, kindOf(item.accountId), now, item.status)),
    )
    return marked.map((item) => item.id)
  })
}

/** The members of the items' conversations handed to the person and not done, other than the items. */
async function othersInTheirConversations(db: LullDb, items: readonly InboxItem[]): Promise<InboxItem[]> {
  const keys = [...new Set(items.flatMap((item) => item.conversationKey ?? []))]
  if (keys.length === 0) return []
  const ids = new Set(items.map((item) => item.id))
  return db.items
    .where('conversationKey')
    .anyOf(keys)
    .filter((row) => !ids.has(row.id) && (row.status === 'delivered' || row.status === 'snoozed'))
    .toArray()
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

/**
 * Undo "done" for several items in one transaction. Answers which writes
 * were cancelled and which had gone out already (those items are back in
 * Lull all the same).
 */
export function undoAllDone(
  db: LullDb,
  itemIds: readonly string[],
): Promise<{ cancelled: string[]; tooLate: string[] }> {
  return db.transaction('rw', db.items, db.outbox, async () => {
    const items = await db.items.bulkGet([...itemIds])
    const done = items.filter((item): item is InboxItem => item?.status === 'done')
    const queued = await db.outbox.bulkGet(done.map((item) => outboxId('done', item.id)))
    const cancelled: string[] = []
    const tooLate: string[] = []
    await db.items.bulkPut(
      done.map((item, index) => {
        const write = queued[index]
        ;(write ? cancelled : tooLate).push(item.id)
        return undone(item, write?.previousStatus ?? 'delivered')
      }),
    )
    await db.outbox.bulkDelete(cancelled.map((id) => outboxId('done', id)))
    return { cancelled, tooLate }
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

/** A write that no further try can help: kept as failed with the reason, at once. */
export function writeGaveUp(db: LullDb, row: OutboxRow, error: string): Promise<'failed' | 'gone'> {
  return db.transaction('rw', db.outbox, async () => {
    if (!(await db.outbox.get(row.id))) return 'gone'
    await db.outbox.put({ ...row, attempts: row.attempts + 1, state: 'failed', error })
    return 'failed'
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
