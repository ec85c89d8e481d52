// Small reads and writes the engine and the views share, one table at a time.
// Rows that could be corrupt (an old version's, or edited by hand) are parsed
// with zod on the way out; a row that does not parse is skipped or replaced
// by a fallback, never cast.
import Dexie from 'dexie'
import { z } from 'zod'
import { Account, asDone, FocusSession, type InboxItem, type ItemStatus } from '../../shared/model'
import { isBadItemRow, readItemRow, readItemRows } from './item-rows'
import { breakthroughNoticeId, type CursorRow, cursorKey, type LullDb } from './schema'

export { loadSettings, saveSettings, settingsKey } from './settings'

// Items

export function countHeld(db: LullDb): Promise<number> {
  // Named in full: a bare where('status') may be answered from
  // [status+conversationKey], which leaves out the items without a key.
  return db.items.where('[status+receivedAt]').between(['held', Dexie.minKey], ['held', Dexie.maxKey]).count()
}

/**
 * The newest items with a status, newest first by when Lull received them.
 * Rows that do not parse are left out (the views and the sweep set them aside).
 */
export async function listByStatus(db: LullDb, status: ItemStatus, limit: number): Promise<InboxItem[]> {
  const rows: unknown[] = await db.items
    .where('[status+receivedAt]')
    .between([status, Dexie.minKey], [status, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .toArray()
  return readItemRows(rows).items
}

/** Every readable item of one conversation, oldest first. */
export async function listThread(db: LullDb, accountId: string, threadKey: string): Promise<InboxItem[]> {
  const rows: unknown[] = await db.items
    .where('[accountId+threadKey]')
    .equals([accountId, threadKey])
    .toArray()
  return readItemRows(rows).items.sort((a, b) => a.sentAt - b.sentAt)
}

/** At most this many messages of one conversation are read for the item view. */
export const conversationLimit = 500

/**
 * Every readable item of the item's conversation, oldest first: its own
 * thread, and what the same conversation brought through other sources
 * (GitHub's notification, its mail, a Slack post linking it), by the
 * conversation key stored at ingest.
 */
export async function listConversation(db: LullDb, item: InboxItem): Promise<InboxItem[]> {
  const [thread, keyed] = await Promise.all([
    db.items
      .where('[accountId+threadKey]')
      .equals([item.accountId, item.threadKey])
      .limit(conversationLimit)
      .toArray(),
    item.conversationKey === undefined
      ? []
      : db.items.where('conversationKey').equals(item.conversationKey).limit(conversationLimit).toArray(),
  ])
  const byId = new Map(readItemRows([...thread, ...keyed] as unknown[]).items.map((each) => [each.id, each]))
  return [...byId.values()].sort((a, b) => a.sentAt - b.sentAt || (a.id < b.id ? -1 : 1))
}

/** One item, or null when there is none or its row does not parse. */
export async function getItem(db: LullDb, id: string): Promise<InboxItem | null> {
  const row: unknown = await db.items.get(id)
  if (row === undefined) return null
  const read = readItemRow(row)
  return isBadItemRow(read) ? null : read
}

/**
 * Marks an item done; false if there is no such item. An item done before
 * any check-in delivered it counts as delivered now: the user has seen it.
 */
export function markDone(db: LullDb, id: string, now: number): Promise<boolean> {
  return db.transaction('rw', db.items, async () => {
    const item = await db.items.get(id)
    if (!item) return false
    await db.items.put(asDone(item, now))
    return true
  })
}

/** Holds an item back until the first check-in at or after `until`; false if there is no such item. */
export async function snooze(db: LullDb, id: string, until: number): Promise<boolean> {
  const changed = await db.items.update(id, { status: 'snoozed', snoozedUntil: until })
  return changed === 1
}

// Accounts: identity and watched streams only; secrets stay in main's vault.

export function putAccount(db: LullDb, account: Account): Promise<string> {
  return db.accounts.put(Account.parse(account))
}

/** Every readable account, oldest first; a row that does not parse is left out. */
export async function listAccounts(db: LullDb): Promise<Account[]> {
  const rows: unknown[] = await db.accounts.toArray()
  return parseEach(Account, rows).sort((a, b) => a.addedAt - b.addedAt)
}

/**
 * Forgets an account and its cursors. Its items stay by default: the user's
 * history (done, delivered, digests) does not vanish with a disconnect, and
 * reconnecting the same account finds them again by their stable ids. The
 * sample workspace passes `withItems` because its items were never real.
 */
export function deleteAccount(db: LullDb, accountId: string, options: { withItems?: boolean } = {}) {
  return db.transaction(
    'rw',
    [db.accounts, db.cursors, db.items, db.outbox, db.notices, db.searchPostings, db.replies],
    async () => {
      // With its items go the writes, notices and search terms about them: nothing of an account that is gone is left to send or find.
      const itemIds = options.withItems ? await itemsOfAccount(db, accountId).primaryKeys() : []
      await Promise.all([
        db.accounts.delete(accountId),
        db.cursors.where('accountId').equals(accountId).delete(),
        db.outbox.where('accountId').equals(accountId).delete(),
        options.withItems ? db.items.bulkDelete(itemIds) : null,
        options.withItems ? db.replies.where('accountId').equals(accountId).delete() : null,
        options.withItems ? db.notices.bulkDelete(itemIds.map(breakthroughNoticeId)) : null,
        options.withItems && itemIds.length > 0
          ? db.searchPostings.where('itemId').anyOf(itemIds).delete()
          : null,
      ])
    },
  )
}

/** An account's items: ids start with `<accountId>:`; the filter keeps out an account whose id extends this one. */
function itemsOfAccount(db: LullDb, accountId: string) {
  const prefix = `${accountId}:`
  return db.items
    .where(':id')
    .between(prefix, `${prefix}\uffff`, true, true)
    .filter((item) => item.accountId === accountId)
}

// Cursors

const CursorRowSchema = z.object({
  key: z.string(),
  accountId: z.string(),
  stream: z.string(),
  cursor: z.string().nullable(),
  pollAfterMs: z.number().nonnegative().optional(),
  updatedAt: z.number(),
})

/**
 * Where a stream was read up to, or undefined to start from the beginning.
 * A corrupt row also starts over: pulls are idempotent and item ids stable,
 * so re-reading costs time, never duplicates.
 */
export async function getCursor(
  db: LullDb,
  accountId: string,
  stream: string,
): Promise<CursorRow | undefined> {
  const row: unknown = await db.cursors.get(cursorKey(accountId, stream))
  const parsed = CursorRowSchema.safeParse(row)
  return parsed.success ? parsed.data : undefined
}

// Focus sessions

export function saveFocusSession(db: LullDb, session: FocusSession): Promise<string> {
  return db.focusSessions.put(FocusSession.parse(session))
}

/**
 * How far back the engine and the views look for focus sessions. A week
 * covers every timed session; one left running "until stopped" for longer
 * is no longer read, so it counts as over.
 */
export const focusLookbackMs = 7 * 24 * 60 * 60_000

/** The sessions that can still matter at `now`. */
export function listRecentFocusSessions(db: LullDb, now: number): Promise<FocusSession[]> {
  return listFocusSessions(db, now - focusLookbackMs)
}

/** Sessions started at or after `since`, oldest first. */
export async function listFocusSessions(db: LullDb, since: number): Promise<FocusSession[]> {
  const rows: unknown[] = await db.focusSessions.where('startedAt').aboveOrEqual(since).toArray()
  return parseEach(FocusSession, rows)
}

// Meta: small facts the engine keeps between runs ('lastCheckInAt', 'breakthroughLastNotified').

/** The stored value if it parses with `schema`, otherwise `fallback`. */
export async function getMeta<T, F = T>(
  db: LullDb,
  key: string,
  schema: z.ZodType<T>,
  fallback: F,
): Promise<T | F> {
  const row = await db.meta.get(key)
  if (row === undefined) return fallback
  const parsed = schema.safeParse(row.value)
  return parsed.success ? parsed.data : fallback
}

export async function setMeta(db: LullDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value })
}

function parseEach<T>(schema: z.ZodType<T>, rows: unknown[]): T[] {
  const parsed: T[] = []
  for (const row of rows) {
    const result = schema.safeParse(row)
    if (result.success) parsed.push(result.data)
  }
  return parsed
}
