// What the views read, sized for 200,000 stored items: counts come from
// indexes (no row is read to count), lists read one window of rows, and
// every row read is parsed, the bad ones returned apart for quarantine.
import Dexie from 'dexie'
import { Digest, type InboxItem, ItemStatus, type SourceKind, sourceKinds } from '../../shared/model'
import { compareForDigest, type SourceCounts } from '../../shared/policy'
import { isBadItemRow, type ReadRows, readItemRow, readItemRows } from './item-rows'
import type { LullDb } from './schema'

const byStatus = (db: LullDb, status: ItemStatus) =>
  db.items.where('[status+receivedAt]').between([status, Dexie.minKey], [status, Dexie.maxKey])

export type HeldCounts = {
  total: number
  bySource: SourceCounts
  /**
   * How many conversations the held items make (a pull request through
   * GitHub, its mail and Slack is one); equal to `total` when none share one.
   */
  conversations: number
}

/**
 * Past this many held items their conversations are not counted (it steps
 * a cursor over one index key each, about 60 ms a thousand on a busy small
 * machine, and Now counts again at each change); the count says items
 * instead. A day's held items are far fewer.
 */
export const conversationCountLimit = 5_000

/** How many items are held, in all and per source, and the conversations they make, counted on the indexes. */
export async function countHeldBySource(db: LullDb): Promise<HeldCounts> {
  const [total = 0, ...perSource] = await Promise.all([
    byStatus(db, 'held').count(),
    ...sourceKinds.map((source) => db.items.where('[status+source]').equals(['held', source]).count()),
  ])
  const [slack = 0, github = 0, email = 0] = perSource
  return {
    total,
    bySource: { slack, github, email },
    conversations: await countConversations(db, 'held', total),
  }
}

/** Conversations among the items of one status: distinct keys, plus the items without one (each its own). */
export async function countConversations(db: LullDb, status: ItemStatus, total: number): Promise<number> {
  if (total === 0 || total > conversationCountLimit) return total
  const keyed = db.items
    .where('[status+conversationKey]')
    .between([status, Dexie.minKey], [status, Dexie.maxKey])
  const [withKey, distinct] = await Promise.all([keyed.count(), keyed.uniqueKeys()])
  return Math.max(0, total - withKey) + distinct.length
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
 * The first `limit` items of one status, newest received first (or oldest
 * first), that pass `keep`: a list reads a growing page of these as it
 * scrolls. Rows that do not parse are returned apart, whatever `keep` says.
 */
export async function readStatusPage(
  db: LullDb,
  status: ItemStatus,
  options: { limit: number; isOldestFirst?: boolean; keep?: (item: InboxItem) => boolean },
): Promise<ReadRows & { hasMore: boolean }> {
  const { limit, keep } = options
  let rows = byStatus(db, status)
  if (!options.isOldestFirst) rows = rows.reverse()
  if (keep) {
    rows = rows.filter((row: unknown) => {
      const read = readItemRow(row)
      return isBadItemRow(read) || keep(read)
    })
  }
  const page: unknown[] = await rows.limit(limit + 1).toArray()
  return { ...readItemRows(page.slice(0, limit)), hasMore: page.length > limit }
}

/** How many items each Inbox filter would show, for the counts beside them. */
export type InboxFacets = {
  status: Record<ItemStatus, number>
  /** Within the chosen status. */
  source: Record<SourceKind, number>
  /** Within the chosen status, per account id. */
  account: Record<string, number>
  /** Within the chosen status. */
  urgent: number
  /** Within the chosen status; null where counting would mean reading too many items. */
  needsReply: number | null
}

/** Items of a status read to count those needing a reply, at most; above it the count is left out. */
const mostReadForCount = 5_000

/**
 * The Inbox's counts, from the indexes: statuses and sources are counted
 * without reading a row, accounts from the keys alone (an item's id starts
 * with its account's), urgent items from their own index. Only the
 * needs-reply count reads items, and only for a status with few.
 */
export async function countInboxFacets(
  db: LullDb,
  status: ItemStatus,
  accountIds: readonly string[],
): Promise<InboxFacets> {
  const [statusCounts, sourceCounts, keys, urgentRows] = await Promise.all([
    Promise.all(ItemStatus.options.map((each) => countWithStatus(db, each))),
    Promise.all(
      sourceKinds.map((source) => db.items.where('[status+source]').equals([status, source]).count()),
    ),
    byStatus(db, status).primaryKeys(),
    db.items.where('urgentRuleId').aboveOrEqual('').toArray() as Promise<unknown[]>,
  ])
  // Longest first: an account whose id extends another's ("acme" and "acme:eu") is told apart.
  const prefixes = [...accountIds].sort((a, b) => b.length - a.length).map((id) => [id, `${id}:`] as const)
  const account: Record<string, number> = Object.fromEntries(accountIds.map((id) => [id, 0]))
  for (const key of keys) {
    const id = String(key)
    const owner = prefixes.find(([, prefix]) => id.startsWith(prefix))?.[0]
    if (owner !== undefined) account[owner] = (account[owner] ?? 0) + 1
  }
  const total = keys.length
  const needsReply =
    total > mostReadForCount
      ? null
      : await byStatus(db, status)
          .filter((row: { needsReply?: unknown }) => row.needsReply === true)
          .count()
  return {
    status: Object.fromEntries(
      ItemStatus.options.map((each, index) => [each, statusCounts[index] ?? 0]),
    ) as Record<ItemStatus, number>,
    source: Object.fromEntries(
      sourceKinds.map((source, index) => [source, sourceCounts[index] ?? 0]),
    ) as Record<SourceKind, number>,
    account,
    urgent: readItemRows(urgentRows).items.filter((item) => item.status === status).length,
    needsReply,
  }
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

export type DigestPage = { digest: Digest | null; hasMore: boolean } & ReadRows

/**
 * The first `limit` items of a digest (the latest when no id is given), in
 * reading order. A digest stores its order as it is delivered, so its first
 * rows are read by id, a page at a time, and a check-in of 50,000 items
 * shows without reading the rest. Items that left it since (snoozed, then
 * delivered by a later check-in) are skipped. A digest stored before its
 * order was is read whole and sorted, as it always was.
 */
export async function readDigestPage(
  db: LullDb,
  digestId: string | null,
  limit: number,
): Promise<DigestPage> {
  const row: unknown = digestId ? await db.digests.get(digestId) : await db.digests.orderBy('at').last()
  const parsed = Digest.safeParse(row)
  if (!parsed.success) return { digest: null, items: [], bad: [], hasMore: false }
  const digest = parsed.data
  if (digest.conversations === undefined) {
    const read = readItemRows(await db.items.where('digestId').equals(digest.id).toArray())
    return { digest, items: read.items.sort(compareForDigest), bad: read.bad, hasMore: false }
  }
  const page: DigestPage = { digest, items: [], bad: [], hasMore: false }
  let next = 0
  while (page.items.length < limit && next < digest.itemIds.length) {
    const ids = digest.itemIds.slice(next, next + Math.max(limit - page.items.length, 50))
    next += ids.length
    const rows = (await db.items.bulkGet(ids)).filter((found) => found !== undefined)
    const read = readItemRows(rows)
    page.items.push(...read.items.filter((item) => item.digestId === digest.id))
    page.bad.push(...read.bad)
  }
  // Read a little ahead (skipped items cost a step each otherwise); hand back no more than asked.
  page.hasMore = next < digest.itemIds.length || page.items.length > limit
  page.items.length = Math.min(page.items.length, limit)
  return page
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
