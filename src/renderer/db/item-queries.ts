// What the views read, sized for 200,000 stored items: counts come from
// indexes (no row is read to count), lists read one window of rows, and
// every row read is parsed, the bad ones returned apart for quarantine.
import Dexie from 'dexie'
import { Digest, type ItemStatus, sourceKinds } from '../../shared/model'
import type { SourceCounts } from '../../shared/policy'
import { type ReadRows, readItemRows } from './item-rows'
import type { LullDb } from './schema'

const byStatus = (db: LullDb, status: ItemStatus) =>
  db.items.where('[status+receivedAt]').between([status, Dexie.minKey], [status, Dexie.maxKey])

export type HeldCounts = { total: number; bySource: SourceCounts }

/** How many items are held, in all and per source, counted on the indexes. */
export async function countHeldBySource(db: LullDb): Promise<HeldCounts> {
  const [total, ...perSource] = await Promise.all([
    byStatus(db, 'held').count(),
    ...sourceKinds.map((source) => db.items.where('[status+source]').equals(['held', source]).count()),
  ])
  const [slack = 0, github = 0, email = 0] = perSource
  return { total: total ?? 0, bySource: { slack, github, email } }
}

export function countWithStatus(db: LullDb, status: ItemStatus): Promise<number> {
  return byStatus(db, status).count()
}

/**
 * Rows `offset` to `offset + limit` of one status, newest received first,
 * the way the inbox lists them. IndexedDB skips the first `offset` keys
 * without reading their rows.
 */
export async function readStatusWindow(
  db: LullDb,
  status: ItemStatus,
  offset: number,
  limit: number,
): Promise<ReadRows> {
  const rows: unknown[] = await byStatus(db, status).reverse().offset(offset).limit(limit).toArray()
  return readItemRows(rows)
}

/**
 * Delivered urgent items received at or after `since`, newest first. Only
 * urgent items are in the `urgentRuleId` index, so this reads breakthroughs
 * and nothing else.
 */
export async function readBreakthroughsSince(db: LullDb, since: number, limit: number): Promise<ReadRows> {
  const rows: unknown[] = await db.items.where('urgentRuleId').aboveOrEqual('').toArray()
  const read = readItemRows(rows)
  const items = read.items
    .filter((item) => item.status === 'delivered' && item.receivedAt >= since)
    .sort((a, b) => b.receivedAt - a.receivedAt || (a.id < b.id ? 1 : -1))
    .slice(0, limit)
  return { items, bad: read.bad }
}

/**
 * The digest (the latest one when no id is given) and the items it holds
 * now; one snoozed since and delivered again belongs to its later digest.
 * A digest row that does not parse reads as none.
 */
export async function readDigest(
  db: LullDb,
  digestId: string | null,
): Promise<{ digest: Digest | null } & ReadRows> {
  const row: unknown = digestId ? await db.digests.get(digestId) : await db.digests.orderBy('at').last()
  const parsed = Digest.safeParse(row)
  if (!parsed.success) return { digest: null, items: [], bad: [] }
  const digest = parsed.data
  const rows: unknown[] = await db.items.where('digestId').equals(digest.id).toArray()
  return { digest, ...readItemRows(rows) }
}

/**
 * Items stored since `since`, of every status, at most `limitPerStatus` of
 * each (newest first): a bounded window for previews, never the whole table.
 */
export async function readReceivedSince(
  db: LullDb,
  since: number,
  limitPerStatus: number,
): Promise<ReadRows> {
  const statuses: ItemStatus[] = ['held', 'delivered', 'done', 'snoozed']
  const pages = await Promise.all(
    statuses.map((status) =>
      db.items
        .where('[status+receivedAt]')
        .between([status, since], [status, Dexie.maxKey])
        .reverse()
        .limit(limitPerStatus)
        .toArray(),
    ),
  )
  return readItemRows(pages.flat() as unknown[])
}
