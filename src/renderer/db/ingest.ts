// Stores one pulled batch: its items, the stream's next cursor and a pending
// notice for each urgent item, in one transaction, so a crash between them
// can neither lose items, skip them, nor leave an urgent one silent.
import { type InboxItem, ItemStatus, type SourceItem } from '../../shared/model'
import { keyWithSplits, readSplits, type SplitSet, splitSetOf } from './conversation-splits'
import { contentOf, hasSameContent, withNewContent } from './item-content'
import { breakthroughNotice } from './notices'
import { type CursorRow, cursorKey, type LullDb, type QuarantineRow } from './schema'
import { storedItems } from './stored-items'

export type IngestBatch = {
  accountId: string
  stream: string
  items: SourceItem[]
  cursor: string | null
  pollAfterMs?: number
  now: number
  /**
   * The urgent rule an item matches (its id, or its id and name), or null.
   * Asked of new items only. The name is kept on the item, so it still says
   * why it broke through after the rule is renamed or removed.
   */
  classify: (item: SourceItem) => string | { id: string; name: string } | null
  /** Items the source sent that could not be read: recorded with the cursor that moves past them. */
  skipped?: ReadonlyArray<{ externalId: string | null; reason: string }>
  /**
   * The web hosts of the person's GitHub accounts (github.com counts
   * without being named): links and mail on them key to GitHub conversations.
   */
  githubHosts?: readonly string[]
}

export type IngestResult = {
  /** The items seen for the first time, or back with new activity after being delivered or done, as stored. */
  added: InboxItem[]
  /** Items seen before whose content changed; their state was kept. */
  updated: number
  /** Items seen before and not changed; not written again. */
  unchanged: number
}

/**
 * New items are held, or delivered at once when `classify` names an urgent
 * rule. An item seen before keeps its state (status, times, digest, snooze)
 * and is rewritten only if its content changed; the cursor is written only
 * if it moved. Writes are what IndexedDB charges for, so an unchanged
 * re-pull costs one range read and no write.
 */
export function ingestBatch(db: LullDb, batch: IngestBatch): Promise<IngestResult> {
  const items = latestById(batch.items)
  const cursor = cursorRow(batch)
  const setAside = (batch.skipped ?? []).map((skip, index) => skippedRow(batch, skip, index))
  return db.transaction(
    'rw',
    [db.items, db.cursors, db.notices, db.quarantine, db.searchPending, db.meta],
    async () => {
      const ids = items.map((item) => item.id)
      const [stored, previousCursor, splits] = await Promise.all([
        storedItems(db, ids),
        db.cursors.get(cursor.key),
        readSplits(db),
      ])
      const keying: Keying = { hosts: batch.githubHosts ?? [], splits: splitSetOf(splits) }
      const added: InboxItem[] = []
      const changed: InboxItem[] = []
      for (let index = 0; index < items.length; index++) {
        const item = items[index]!
        const previous = stored[index]
        // A stored row too broken to compare (no author, an unknown status) is
        // replaced by what the source says now. A full parse of every stored
        // row would cost re-ingest most of its speed; this check is what the
        // comparison below relies on.
        if (previous === undefined || !isComparable(previous) || isReopened(previous, item))
          added.push(keyed(classified(item, batch), keying))
        else if (!hasSameContent(previous, item)) changed.push(keyed(withNewContent(previous, item), keying))
      }
      const released = await urgentWithTheirConversation(db, added, batch.now)
      // put, not add, for the new items too: this transaction just saw they
      // are not there, and Chromium's add costs more than put (it checks first).
      const writes =
        released.length > 0
          ? [...added, ...changed, ...released]
          : added.length === 0
            ? changed
            : changed.length === 0
              ? added
              : [...added, ...changed]
      const notices = added.flatMap((item) =>
        item.urgentRuleId === undefined
          ? []
          : [breakthroughNotice({ id: item.id, urgentRuleId: item.urgentRuleId }, batch.now)],
      )
      await Promise.all([
        writes.length > 0 ? db.items.bulkPut(writes) : null,
        isSameCursor(previousCursor, cursor) ? null : db.cursors.put(cursor),
        notices.length > 0 ? db.notices.bulkPut(notices) : null,
        setAside.length > 0 ? db.quarantine.bulkPut(setAside) : null,
        // An edit keeps the item's arrival time, so the search indexer is told to read its words again.
        changed.length > 0 ? db.searchPending.bulkPut(changed.map((item) => ({ itemId: item.id }))) : null,
      ])
      return { added, updated: changed.length, unchanged: items.length - added.length - changed.length }
    },
  )
}

function skippedRow(
  batch: IngestBatch,
  skip: { externalId: string | null; reason: string },
  index: number,
): QuarantineRow {
  const which = skip.externalId ?? `${batch.cursor ?? 'start'}#${index}`
  return {
    id: `pull:${batch.accountId}:${batch.stream}:${which}`,
    table: 'pull',
    row: { accountId: batch.accountId, stream: batch.stream, externalId: skip.externalId },
    reason: skip.reason,
    at: batch.now,
  }
}

/**
 * New activity on something the person already saw or finished (a GitHub
 * thread with a new comment after done): it is held for the next check-in
 * again, like a new item. An edit keeps the time it was sent, so it only
 * updates the item.
 */
function isReopened(previous: InboxItem, item: SourceItem): boolean {
  return (previous.status === 'done' || previous.status === 'delivered') && item.sentAt > previous.sentAt
}

const statuses = new Set<unknown>(ItemStatus.options)

function isComparable(row: InboxItem): boolean {
  const loose = row as { author?: unknown; status?: unknown; receivedAt?: unknown }
  return (
    typeof loose.author === 'object' &&
    loose.author !== null &&
    statuses.has(loose.status) &&
    typeof loose.receivedAt === 'number'
  )
}

function cursorRow(batch: IngestBatch): CursorRow {
  const row: CursorRow = {
    key: cursorKey(batch.accountId, batch.stream),
    accountId: batch.accountId,
    stream: batch.stream,
    cursor: batch.cursor,
    updatedAt: batch.now,
  }
  if (batch.pollAfterMs !== undefined) row.pollAfterMs = batch.pollAfterMs
  return row
}

/** A re-pull that ends where the last one did writes nothing, so live queries on cursors stay quiet. */
function isSameCursor(previous: CursorRow | undefined, next: CursorRow): boolean {
  return (
    previous !== undefined && previous.cursor === next.cursor && previous.pollAfterMs === next.pollAfterMs
  )
}

type Keying = { hosts: readonly string[]; splits: SplitSet }

/**
 * The row with its conversation key worked out from its content now (see
 * shared/conversation.ts), unless the person split its thread from that conversation.
 */
function keyed(row: InboxItem, keying: Keying): InboxItem {
  const key = keyWithSplits(row, keying.hosts, keying.splits)
  if (key === null) delete row.conversationKey
  else row.conversationKey = key
  return row
}

/**
 * A conversation is urgent while a member an urgent rule matched is not
 * done: a new item of it (the pull request's mail after its notification
 * broke through) comes through at once too, and so do the members already
 * held when the urgent one arrives. They come quietly within the cooldown
 * (breakthrough.ts counts the cooldown by conversation). Changes `added` in
 * place; answers the held members it let through, to be written.
 */
async function urgentWithTheirConversation(
  db: LullDb,
  added: InboxItem[],
  now: number,
): Promise<InboxItem[]> {
  const keys = [...new Set(added.flatMap((item) => item.conversationKey ?? []))]
  if (keys.length === 0) return []
  const addedIds = new Set(added.map((item) => item.id))
  const urgentOf = new Map<string, InboxItem>()
  for (const item of added) {
    if (item.urgentRuleId !== undefined && item.conversationKey !== undefined)
      urgentOf.set(item.conversationKey, item)
  }
  const stored: InboxItem[] = await db.items
    .where('conversationKey')
    .anyOf(keys)
    .filter((row) => !addedIds.has(row.id) && row.status !== 'done')
    .toArray()
  for (const row of stored) {
    const key = row.conversationKey!
    if (row.urgentRuleId !== undefined && !row.isUrgentByConversation && !urgentOf.has(key))
      urgentOf.set(key, row)
  }
  const comeThrough = (item: InboxItem, member: InboxItem) => {
    item.status = 'delivered'
    item.deliveredAt = now
    item.urgentRuleId = member.urgentRuleId
    if (member.urgentRuleName !== undefined) item.urgentRuleName = member.urgentRuleName
    item.isUrgentByConversation = true
  }
  for (const item of added) {
    const member = item.urgentRuleId === undefined ? urgentOf.get(item.conversationKey ?? '') : undefined
    if (member) comeThrough(item, member)
  }
  // Held members of a conversation that just turned urgent: handed over with it.
  const released: InboxItem[] = []
  for (const row of stored) {
    const member = urgentOf.get(row.conversationKey!)
    if (row.status !== 'held' || !member || !addedIds.has(member.id)) continue
    const { snoozedUntil: _none, ...held } = row
    comeThrough(held, member)
    released.push(held)
  }
  return released
}

function classified(item: SourceItem, batch: IngestBatch): InboxItem {
  const rule = batch.classify(item)
  if (rule === null) return { ...contentOf(item), status: 'held', receivedAt: batch.now }
  const urgent: InboxItem = {
    ...contentOf(item),
    status: 'delivered',
    receivedAt: batch.now,
    deliveredAt: batch.now,
    urgentRuleId: typeof rule === 'string' ? rule : rule.id,
  }
  if (typeof rule !== 'string') urgent.urgentRuleName = rule.name
  return urgent
}

/** One item per id, the last one given winning (a source may repeat an item within a page). */
function latestById(items: SourceItem[]): SourceItem[] {
  const byId = new Map<string, SourceItem>()
  for (const item of items) byId.set(item.id, item)
  return byId.size === items.length ? items : [...byId.values()]
}
