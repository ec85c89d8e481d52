// The engine's care of the store itself: when the last check-in was (even
// when that row is unreadable), whether the store is the one main saw
// before, and the daily sweep for rows no range query can see.
import Dexie from 'dexie'
import { z } from 'zod'
import { ItemStatus } from '../../shared/model'
import { lastCheckInAtKey } from '../db/checkin'
import { keyStoredItems } from '../db/conversation-keys'
import { sweepItems } from '../db/quarantine'
import { getMeta, setMeta } from '../db/repositories'
import type { LullDb } from '../db/schema'
import { checkStoreNote, pageStoreNote, storeIdentity } from '../db/store-identity'
import type { HostClient } from '../host/client'

/** The sweep for unreadable rows: this long after start, and at most this often. */
export const sweepDelayMs = 2 * 60_000
export const sweepEveryMs = 24 * 60 * 60_000
const lastSweepKey = 'lastSweepAt'

type Report = (message: string) => void

/**
 * When the last check-in was. A first run (no row) and a clock set back
 * count from now. An unreadable row is said, and counted from the latest
 * digest (or a week back), so the catch-up it owes still happens.
 */
export async function lastCheckInAt(db: LullDb, now: number, report: Report): Promise<number> {
  const row = await db.meta.get(lastCheckInAtKey)
  const parsed = z.number().int().nonnegative().safeParse(row?.value)
  if (parsed.success && parsed.data <= now) return parsed.data
  if (row !== undefined && !parsed.success) {
    const latest = await db.digests.orderBy('at').last()
    const from = Math.min(latest?.at ?? now - 7 * 24 * 60 * 60_000, now)
    report('The time of the last check-in could not be read; Lull counts from the last digest it has.')
    await setMeta(db, lastCheckInAtKey, from)
    return from
  }
  await setMeta(db, lastCheckInAtKey, now)
  return now
}

/** Tell main which store this is, so a wiped store is said instead of passing for a first run. */
export async function checkStore(
  deps: { db: LullDb; host: HostClient; newId: () => string; report: Report },
  now: number,
): Promise<void> {
  try {
    const identity = await storeIdentity(deps.db, deps.newId, now)
    const isGoneHere = checkStoreNote(pageStoreNote(), identity)
    const check = await deps.host.call('store:check', {
      storeId: identity.storeId,
      createdAt: identity.createdAt,
    })
    if (check.status !== 'lost' && !isGoneHere) return
    const when =
      check.status !== 'lost' || check.lastSeenAt === null
        ? ''
        : ` (last seen ${new Date(check.lastSeenAt).toLocaleString()})`
    deps.report(
      `Lull's inbox store was emptied by the system${when}: items, digests and settings kept in it are gone, and Lull starts afresh. Your sign-ins are safe in the vault. To keep this from happening, do not clear this app's site data.`,
    )
  } catch (error) {
    deps.report(`Lull could not check its inbox store: ${(error as Error).message}`)
  }
}

/**
 * Rows a range query cannot see (a bad status or time) are found by one
 * pass over the whole store, in small chunks. It reads every row, so it runs
 * once a day at most, a while after start, never on the way to the first
 * screen; what it sets aside is said by the window's set-aside notice.
 */
export async function sweepIfDue(db: LullDb, now: () => number, report: Report): Promise<void> {
  // Everything inside: it runs from a timer, and the store may close (a quit) while it reads.
  try {
    const last = await getMeta(db, lastSweepKey, z.number(), 0)
    if (now() - last < sweepEveryMs && last <= now()) return
    // Counting is cheap where reading is not: only when some row is missing
    // from the status index is there anything for the sweep to find.
    if (await hasRowsOutsideStatusIndex(db)) await sweepItems(db)
    await setMeta(db, lastSweepKey, now())
  } catch (error) {
    report(`Lull could not check its stored items: ${(error as Error).message}`)
  }
}

/** Whether some item row is invisible to the `[status+receivedAt]` index that every status query uses. */
async function hasRowsOutsideStatusIndex(db: LullDb): Promise<boolean> {
  const index = db.items.where('[status+receivedAt]')
  const counts = await Promise.all(
    ItemStatus.options.map((status) => index.between([status, Dexie.minKey], [status, Dexie.maxKey]).count()),
  )
  const indexed = counts.reduce((sum, count) => sum + count, 0)
  return indexed !== (await db.items.count())
}

/**
 * Keys the stored items with their conversations, behind ingest (see
 * db/conversation-keys.ts): a page at a time with a pause between, so the
 * first start after the upgrade keeps its pulls and views quick while a
 * large store is keyed. What fails is said; the next start goes on from there.
 */
export async function keyConversations(
  db: LullDb,
  githubHosts: readonly string[],
  report: Report,
  options: { isStopped?: () => boolean; pauseMs?: number } = {},
): Promise<void> {
  const { isStopped = () => false, pauseMs = 25 } = options
  try {
    await keyStoredItems(db, {
      githubHosts,
      isStopped,
      pause: () => new Promise((resolve) => setTimeout(resolve, pauseMs)),
    })
  } catch (error) {
    report(`Lull could not link stored items to their conversations: ${(error as Error).message}`)
  }
}
