// Where a GitHub stream has read to, and how the next cursor is made from
// a page of threads.
import { z } from 'zod'
import type { ThreadPayload } from './normalize'

/** Ids kept in the cursor of the threads updated in its last second (see Cursor). */
const edgeIds = 40

/**
 * `since` is the newest update seen; GitHub's `since` includes that second,
 * so `edge` names the threads already given at exactly that time (their
 * ids), and they are not given again. `page` is set while a backlog is
 * being paged; `lastModified` only once it is read to its end, so an
 * interrupted backlog is asked again in full. `checkedAt` is when (by this
 * computer's clock) GitHub gave `lastModified`, so an old one is dropped.
 */
export const Cursor = z.object({
  lastModified: z.string().max(64).optional(),
  checkedAt: z.number().int().nonnegative().optional(),
  since: z.string().max(64).optional(),
  edge: z.array(z.string().max(64)).max(edgeIds).optional(),
  page: z.number().int().min(2).max(10_000).optional(),
  pending: z
    .object({
      lastModified: z.string().max(64).optional(),
      checkedAt: z.number().int().nonnegative().optional(),
      since: z.string().max(64).optional(),
      edge: z.array(z.string().max(96)).max(edgeIds),
    })
    .optional(),
})
export type Cursor = z.infer<typeof Cursor>
export type CursorRun = NonNullable<Cursor['pending']>

export function readCursor(text: string | null): Cursor {
  if (text === null) return {}
  try {
    const parsed = Cursor.safeParse(JSON.parse(text))
    if (parsed.success) return parsed.data
  } catch {
    // An unreadable cursor reads as none: the stream is read again and nothing is stored twice.
  }
  return {}
}

/** The cursor after a page: the next page of this run while there is more, else the run's end. */
export function nextCursor(input: {
  cursor: Cursor
  run: CursorRun
  threads: ThreadPayload[]
  hasMore: boolean
}): Cursor {
  const { cursor, run } = input
  const newest = newestOf(input.threads, run.since ?? cursor.since, run.edge)
  if (input.hasMore) {
    const { page: _page, pending: _pending, ...rest } = cursor
    return { ...rest, page: (cursor.page ?? 1) + 1, pending: { ...run, ...newest } }
  }
  return {
    ...(run.lastModified ? { lastModified: run.lastModified } : {}),
    ...(run.lastModified && run.checkedAt !== undefined ? { checkedAt: run.checkedAt } : {}),
    ...(newest.since ? { since: newest.since } : {}),
    ...(newest.edge.length > 0 ? { edge: newest.edge } : {}),
  }
}

/** Whether a thread was already given at the cursor's edge second. */
export function isAtEdge(thread: ThreadPayload, cursor: Cursor): boolean {
  return thread.updated_at === cursor.since && (cursor.edge ?? []).includes(thread.id)
}

/** The newest update among what was read so far in this run, and the threads at its second. */
function newestOf(
  threads: ThreadPayload[],
  since: string | undefined,
  edge: string[],
): { since?: string; edge: string[] } {
  let newest = since
  let atNewest = [...edge]
  for (const thread of threads) {
    const at = Date.parse(thread.updated_at)
    const current = newest === undefined ? Number.NEGATIVE_INFINITY : Date.parse(newest)
    if (at > current) {
      newest = thread.updated_at
      atNewest = [thread.id]
    } else if (at === current && atNewest.length < edgeIds) atNewest.push(thread.id)
  }
  return newest === undefined ? { edge: atNewest } : { since: newest, edge: atNewest }
}
