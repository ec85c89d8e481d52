// Requests main made to each account's source in the last hour, as the
// engine last read them from main's ledger: what the accounts view shows.
import { z } from 'zod'
import { getMeta, setMeta } from './repositories'
import type { LullDb } from './schema'

export const requestCountsKey = 'requestsLastHour'

const Counts = z.record(
  z.string(),
  z.object({ total: z.number(), rateLimited: z.number(), notModified: z.number(), errors: z.number() }),
)
export type RequestCounts = z.infer<typeof Counts>

export function readRequestCounts(db: LullDb): Promise<RequestCounts> {
  return getMeta(db, requestCountsKey, Counts, {})
}

/** Totals per account from the ledger's rows; written only when they changed. */
export async function writeRequestCounts(
  db: LullDb,
  entries: ReadonlyArray<{ accountId: string; result: string; count: number }>,
): Promise<void> {
  const counts: RequestCounts = {}
  for (const entry of entries) {
    const account = counts[entry.accountId] ?? { total: 0, rateLimited: 0, notModified: 0, errors: 0 }
    counts[entry.accountId] = account
    account.total += entry.count
    if (entry.result === 'rate-limited') account.rateLimited += entry.count
    if (entry.result === 'not-modified') account.notModified += entry.count
    if (entry.result === 'error') account.errors += entry.count
  }
  const before = await readRequestCounts(db)
  if (JSON.stringify(before) !== JSON.stringify(counts)) await setMeta(db, requestCountsKey, counts)
}
