// Keys the items already in the store with their conversation (ingest keys
// new ones as it stores them): rows stored before keys existed, and every
// row again when the person's GitHub hosts change, since a host can turn a
// link into a GitHub conversation. It walks the store in primary-key order,
// a page per short transaction, and remembers where it stopped, so 100,000
// items never hold the store in one long transaction and a closed window
// carries on where it left off.
import type { IndexableType } from 'dexie'
import { z } from 'zod'
import type { InboxItem } from '../../shared/model'
import { readSplits, rekeyed, type SplitSet, splitSetOf } from './conversation-splits'
import { storedKeyOf } from './item-rows'
import type { LullDb } from './schema'

/** Meta key: how far keying has gone, and for which GitHub hosts. */
export const conversationKeysKey = 'conversationKeys'

const Progress = z.object({
  hosts: z.array(z.string().max(256)).max(200),
  /** The primary key of the last row keyed; null before the first page. */
  after: z.union([z.string().max(512), z.number()]).nullable(),
  isDone: z.boolean(),
})
type Progress = z.infer<typeof Progress>

export type KeyingOptions = {
  /** The web hosts of the person's GitHub accounts, as ingest uses them. */
  githubHosts: readonly string[]
  /** Rows read and written per transaction. */
  pageSize?: number
  /** Called between pages, so ingest and the views get the database and the main thread. */
  pause?: () => Promise<void>
  /** Stop after this many pages (the rest is keyed by the next run). */
  maxPages?: number
  /** Asked between pages: true stops the pass (the engine stopped), to go on at the next start. */
  isStopped?: () => boolean
}

export type KeyingResult = { scanned: number; keyed: number; isDone: boolean }

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** Hosts compared as a set: the same accounts in another order are the same hosts. */
const sameHosts = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((host, index) => host === b[index])

export async function keyStoredItems(db: LullDb, options: KeyingOptions): Promise<KeyingResult> {
  const hosts = [...new Set(options.githubHosts.map((host) => host.toLowerCase()))].sort()
  const pageSize = options.pageSize ?? 500
  const pause = options.pause ?? nextTask
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY
  const splits = splitSetOf(await readSplits(db))
  const stored = Progress.safeParse((await db.meta.get(conversationKeysKey))?.value)
  // Other hosts may make other keys of rows already keyed: start over.
  let progress: Progress =
    stored.success && sameHosts(stored.data.hosts, hosts)
      ? stored.data
      : { hosts, after: null, isDone: false }
  let scanned = 0
  let keyed = 0
  for (let page = 0; page < maxPages && !progress.isDone; page++) {
    if (page > 0) await pause()
    if (options.isStopped?.()) break
    const from = progress.after
    const step = await db.transaction('rw', db.items, db.meta, async () => {
      // Read and written in one transaction: a pull that rewrote a row meanwhile is never undone.
      const rows: unknown[] = await (from === null
        ? db.items.orderBy(':id')
        : db.items.where(':id').above(from)
      )
        .limit(pageSize)
        .toArray()
      const changed = rows.flatMap((row) => withKey(row, hosts, splits) ?? [])
      if (changed.length > 0) await db.items.bulkPut(changed)
      const last = rows.length > 0 ? storedKeyOf(rows[rows.length - 1]) : null
      const next: Progress = {
        hosts,
        after: isResumable(last) ? last : from,
        isDone: rows.length < pageSize || !isResumable(last),
      }
      await db.meta.put({ key: conversationKeysKey, value: next })
      return { next, read: rows.length, written: changed.length }
    })
    progress = step.next
    scanned += step.read
    keyed += step.written
  }
  return { scanned, keyed, isDone: progress.isDone }
}

/** Item ids are strings; a key of another kind (a hand-edited row) ends the walk rather than loop on it. */
function isResumable(key: IndexableType | null): key is string | number {
  return typeof key === 'string' || typeof key === 'number'
}

/** A stored row of any shape (a hand-edited one is not an object) with its key set or cleared, or null when it is right. */
function withKey(row: unknown, hosts: readonly string[], splits: SplitSet): InboxItem | null {
  if (typeof row !== 'object' || row === null) return null
  return rekeyed(row as InboxItem, hosts, splits)
}
