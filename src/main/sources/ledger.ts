// The request ledger: every call main makes to a source, counted by account,
// method and result in per-minute buckets, so the accounts view and the
// benchmark can see what Lull asked of Slack, GitHub and mail servers.
import type { RequestResult } from '../../shared/contract'

export type LedgerEntry = { accountId: string; method: string; result: RequestResult; count: number }

export type Ledger = {
  record(accountId: string, method: string, result: RequestResult): void
  /** Requests at or after `since`, to the bucket: the whole minute `since` falls in counts. */
  summary(since: number): LedgerEntry[]
  /** Drop every count for an account that was removed. */
  forget(accountId: string): void
  /** How much the ledger holds, for tests and diagnostics. */
  size(): { buckets: number; entries: number }
}

export type LedgerOptions = {
  now: () => number
  bucketMs?: number
  keepMs?: number
  /** Distinct (account, method, result) rows one bucket holds; more are counted under `overflowMethod`. */
  maxEntriesPerBucket?: number
}

/** Where counts go once a bucket is full, so a source that invents method names cannot grow the ledger. */
export const overflowMethod = '(other)'

const minuteMs = 60_000
const dayMs = 24 * 60 * minuteMs

type Bucket = Map<string, LedgerEntry>

function keyOf(accountId: string, method: string, result: RequestResult): string {
  return JSON.stringify([accountId, method, result])
}

export function createLedger(options: LedgerOptions): Ledger {
  const bucketMs = options.bucketMs ?? minuteMs
  const keepMs = options.keepMs ?? dayMs
  const maxEntries = options.maxEntriesPerBucket ?? 512
  // A clock that jumps back could otherwise keep adding buckets no age limit catches.
  const maxBuckets = Math.ceil(keepMs / bucketMs) + 1
  const buckets = new Map<number, Bucket>()

  function startOf(at: number): number {
    return Math.floor(at / bucketMs) * bucketMs
  }

  function prune(at: number): void {
    const oldest = startOf(at) - keepMs
    for (const start of buckets.keys()) if (start < oldest) buckets.delete(start)
    // The bucket made longest ago goes first (a Map keeps insertion order), never the one just made.
    for (const start of buckets.keys()) {
      if (buckets.size <= maxBuckets) return
      buckets.delete(start)
    }
  }

  function bucketFor(at: number): Bucket {
    const start = startOf(at)
    const existing = buckets.get(start)
    if (existing) return existing
    const bucket: Bucket = new Map()
    buckets.set(start, bucket)
    prune(at)
    return bucket
  }

  function add(bucket: Bucket, accountId: string, method: string, result: RequestResult, count: number) {
    const key = keyOf(accountId, method, result)
    const entry = bucket.get(key)
    if (entry) {
      entry.count += count
      return
    }
    if (bucket.size >= maxEntries && method !== overflowMethod) {
      add(bucket, accountId, overflowMethod, result, count)
      return
    }
    bucket.set(key, { accountId, method, result, count })
  }

  return {
    record(accountId, method, result) {
      add(bucketFor(options.now()), accountId, method, result, 1)
    },

    summary(since) {
      prune(options.now())
      const from = startOf(since)
      const totals: Bucket = new Map()
      for (const [start, bucket] of buckets) {
        if (start < from) continue
        for (const entry of bucket.values()) {
          const key = keyOf(entry.accountId, entry.method, entry.result)
          const total = totals.get(key)
          if (total) total.count += entry.count
          else totals.set(key, { ...entry })
        }
      }
      return [...totals.values()].sort(
        (a, b) =>
          a.accountId.localeCompare(b.accountId) ||
          a.method.localeCompare(b.method) ||
          a.result.localeCompare(b.result),
      )
    },

    forget(accountId) {
      for (const [start, bucket] of buckets) {
        for (const [key, entry] of bucket) if (entry.accountId === accountId) bucket.delete(key)
        if (bucket.size === 0) buckets.delete(start)
      }
    },

    size() {
      let entries = 0
      for (const bucket of buckets.values()) entries += bucket.size
      return { buckets: buckets.size, entries }
    },
  }
}
