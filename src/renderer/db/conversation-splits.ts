// "Not the same": the person splits a wrongly merged thread out of a
// conversation (a Slack thread that only mentioned a pull request, a mail
// thread that quoted its link). The split is remembered for the thread, so
// its later messages stay out too, and ingest and the keying pass both
// honour it. Undo puts the thread back.
import { z } from 'zod'
import { conversationKey, githubHostsOf } from '../../shared/conversation'
import type { InboxItem } from '../../shared/model'
import { listAccounts } from './repositories'
import type { LullDb } from './schema'

/** Meta key: every split the person made. */
export const conversationSplitsKey = 'conversationSplits'

/** A thread of one account kept out of one conversation. */
export const Split = z.object({
  accountId: z.string().min(1).max(512),
  threadKey: z.string().min(1).max(2048),
  conversationKey: z.string().min(1).max(1024),
})
export type Split = z.infer<typeof Split>

/** More splits than this are not kept: the oldest go first (a person makes a handful). */
const splitLimit = 2_000

const StoredSplits = z.array(z.unknown()).max(splitLimit * 2)

/** The splits as a set of `account, thread, conversation` strings, for quick asking. */
export type SplitSet = ReadonlySet<string>

const splitId = (accountId: string, threadKey: string, key: string) =>
  `${accountId}\u001f${threadKey}\u001f${key}`
const splitIdOf = (split: Split) => splitId(split.accountId, split.threadKey, split.conversationKey)

/** The stored splits; a row that does not parse is left out (and dropped at the next write). */
export async function readSplits(db: LullDb): Promise<Split[]> {
  const parsed = StoredSplits.safeParse((await db.meta.get(conversationSplitsKey))?.value)
  if (!parsed.success) return []
  return parsed.data.flatMap((row) => {
    const split = Split.safeParse(row)
    return split.success ? [split.data] : []
  })
}

export function splitSetOf(splits: readonly Split[]): SplitSet {
  return new Set(splits.map(splitIdOf))
}

/** An item's conversation key with the person's splits applied: null when its thread was split from it. */
export function keyWithSplits(
  item: Parameters<typeof conversationKey>[0],
  githubHosts: readonly string[],
  splits: SplitSet,
): string | null {
  const key = conversationKey(item, { githubHosts })
  if (key === null || splits.size === 0) return key
  return splits.has(splitId(item.accountId, item.threadKey, key)) ? null : key
}

/** The row with its key set or cleared as ingest would key it now, or null when the key it has is right. */
export function rekeyed(row: InboxItem, githubHosts: readonly string[], splits: SplitSet): InboxItem | null {
  const key = keyWithSplits(row, githubHosts, splits)
  if ((row.conversationKey ?? null) === key) return null
  const next = { ...row }
  if (key === null) delete next.conversationKey
  else next.conversationKey = key
  return next
}

/**
 * Split the item's thread out of its conversation: remembered, and every
 * stored message of that thread loses the key at once. Answers the split
 * made (for undo), or null when the item has no conversation to leave.
 */
export function splitConversation(db: LullDb, itemId: string): Promise<Split | null> {
  return db.transaction('rw', db.items, db.meta, async () => {
    const item = await db.items.get(itemId)
    if (item?.conversationKey === undefined) return null
    const split: Split = {
      accountId: item.accountId,
      threadKey: item.threadKey,
      conversationKey: item.conversationKey,
    }
    const kept = (await readSplits(db)).filter((each) => splitIdOf(each) !== splitIdOf(split))
    await db.meta.put({ key: conversationSplitsKey, value: [...kept, split].slice(-splitLimit) })
    const thread = await threadOf(db, split)
    await db.items.bulkPut(
      thread
        .filter((row) => row.conversationKey === split.conversationKey)
        .map((row) => {
          const { conversationKey: _left, ...rest } = row
          return rest
        }),
    )
    return split
  })
}

/** Undo a split: forgotten, and the thread's messages keyed again as ingest would key them now. */
export function unsplitConversation(db: LullDb, split: Split): Promise<void> {
  return db.transaction('rw', db.items, db.meta, db.accounts, async () => {
    const kept = (await readSplits(db)).filter((each) => splitIdOf(each) !== splitIdOf(split))
    await db.meta.put({ key: conversationSplitsKey, value: kept })
    const hosts = githubHostsOf(await listAccounts(db))
    const splits = splitSetOf(kept)
    const thread = await threadOf(db, split)
    await db.items.bulkPut(thread.flatMap((row) => rekeyed(row, hosts, splits) ?? []))
  })
}

function threadOf(db: LullDb, split: Split): Promise<InboxItem[]> {
  return db.items.where('[accountId+threadKey]').equals([split.accountId, split.threadKey]).toArray()
}
