// Setting bad item rows aside: a row that no longer parses as an item moves
// from `items` to `quarantine` with the reason, so no view or check-in trips
// over it again and nothing is thrown away. The sweep finds the rows no
// index range can reach (a bad status or receive time).
import type { IndexableType } from 'dexie'
import { type BadItemRow, isBadItemRow, readItemRow, readItemRows, storedKeyOf } from './item-rows'
import type { LullDb, QuarantineRow } from './schema'

/** The items table as stored: rows of any shape, under any key IndexedDB accepted. */
const rawItems = (db: LullDb) => db.table<unknown, IndexableType>(db.items.name)

/**
 * Moves the rows to quarantine. Call inside a read-write transaction on
 * items and quarantine, with rows that transaction read.
 */
export async function setAside(db: LullDb, bad: readonly BadItemRow[], at: number): Promise<void> {
  if (bad.length === 0) return
  const rows: QuarantineRow[] = bad.map(({ key, row, reason }) => ({
    id: String(key),
    table: 'items',
    row,
    reason,
    at,
  }))
  await Promise.all([db.quarantine.bulkPut(rows), rawItems(db).bulkDelete(bad.map(({ key }) => key))])
}

/**
 * Quarantines rows a read found bad, in one transaction; returns how many
 * moved. Each row is read again first: one rewritten since (a new pull of
 * the same item) stays where it is.
 */
export function quarantineItems(db: LullDb, bad: readonly BadItemRow[], at: number): Promise<number> {
  if (bad.length === 0) return Promise.resolve(0)
  return db.transaction('rw', db.items, db.quarantine, async () => {
    const current = await rawItems(db).bulkGet(bad.map(({ key }) => key))
    const stillBad = current.flatMap((row) => {
      if (row === undefined) return []
      const read = readItemRow(row)
      return isBadItemRow(read) ? [read] : []
    })
    await setAside(db, stillBad, at)
    return stillBad.length
  })
}

export type SweepOptions = {
  /** Rows read per transaction. */
  chunkSize?: number
  /** The time recorded on what is set aside, epoch ms. */
  now?: () => number
  /** Called between chunks, so other work gets the main thread and the database. */
  pause?: () => Promise<void>
}

export type SweepResult = { scanned: number; quarantined: number }

/** The key of the last row of a chunk read in primary-key order. */
const lastKey = (rows: readonly unknown[]): IndexableType => storedKeyOf(rows[rows.length - 1])

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/**
 * Reads the whole items table in primary-key order, a chunk per read-only
 * transaction, and quarantines every row that does not parse. Rows with a
 * bad status or receive time sit outside every `[status+receivedAt]` range,
 * so no view and no check-in ever sees them; only this finds them. The
 * transactions are short and the sweep pauses between them, so views and
 * ingest are never held up for long.
 */
export async function sweepItems(db: LullDb, options: SweepOptions = {}): Promise<SweepResult> {
  const chunkSize = options.chunkSize ?? 2_000
  const now = options.now ?? Date.now
  const pause = options.pause ?? nextTask
  let scanned = 0
  let quarantined = 0
  let after: IndexableType | null = null
  for (;;) {
    const from = after
    const rows: unknown[] = await db.transaction('r', db.items, () =>
      (from === null ? db.items.orderBy(':id') : db.items.where(':id').above(from))
        .limit(chunkSize)
        .toArray(),
    )
    if (rows.length === 0) break
    scanned += rows.length
    const { bad } = readItemRows(rows)
    quarantined += await quarantineItems(db, bad, now())
    if (rows.length < chunkSize) break
    after = lastKey(rows)
    await pause()
  }
  return { scanned, quarantined }
}
