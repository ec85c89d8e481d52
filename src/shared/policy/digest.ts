// A digest as the user reads it: by source, then where it was said, then
// conversation; whatever someone is waiting on comes first, oldest first,
// because the longest wait is the one to answer.
import type { InboxItem, SourceKind } from '../model'
import { sourceKinds } from '../model'

export type DigestThread = { threadKey: string; items: InboxItem[] }
export type DigestGroup = { container: string; threads: DigestThread[] }
export type DigestSection = { source: SourceKind; groups: DigestGroup[] }
export type SourceCounts = { slack: number; github: number; email: number }

/** Reply-needed before the rest, then oldest first; the id keeps equal items in a stable order. */
export function compareForDigest(a: InboxItem, b: InboxItem): number {
  if (a.needsReply !== b.needsReply) return a.needsReply ? -1 : 1
  return a.sentAt - b.sentAt || a.id.localeCompare(b.id)
}

/**
 * Sections come in a fixed order (Slack, GitHub, email) and only when they
 * have items. Groups and threads are ordered by their first item, which
 * falls out of sorting once and grouping in that order.
 */
export function assembleDigest(items: readonly InboxItem[]): DigestSection[] {
  const sorted = [...items].sort(compareForDigest)
  return sourceKinds.flatMap((source) => {
    const groups = new Map<string, Map<string, InboxItem[]>>()
    for (const item of sorted) {
      if (item.source !== source) continue
      const threads = groups.get(item.container) ?? new Map<string, InboxItem[]>()
      groups.set(item.container, threads)
      const thread = threads.get(item.threadKey)
      if (thread) thread.push(item)
      else threads.set(item.threadKey, [item])
    }
    if (groups.size === 0) return []
    return [
      {
        source,
        groups: Array.from(groups, ([container, threads]) => ({
          container,
          threads: Array.from(threads, ([threadKey, threadItems]) => ({ threadKey, items: threadItems })),
        })),
      },
    ]
  })
}

/**
 * The first `limit` items of a digest in reading order, keeping their
 * sections, groups and threads; for showing a large digest a part at a time.
 */
export function firstItems(sections: readonly DigestSection[], limit: number): DigestSection[] {
  let left = limit
  const taken: DigestSection[] = []
  for (const section of sections) {
    if (left <= 0) break
    const groups: DigestGroup[] = []
    for (const group of section.groups) {
      if (left <= 0) break
      const threads: DigestThread[] = []
      for (const thread of group.threads) {
        if (left <= 0) break
        const items = thread.items.slice(0, left)
        left -= items.length
        threads.push({ threadKey: thread.threadKey, items })
      }
      groups.push({ container: group.container, threads })
    }
    taken.push({ source: section.source, groups })
  }
  return taken
}

export function countBySource(items: readonly Pick<InboxItem, 'source'>[]): SourceCounts {
  const counts: SourceCounts = { slack: 0, github: 0, email: 0 }
  for (const item of items) counts[item.source] += 1
  return counts
}

const sourceNames: Record<SourceKind, string> = { slack: 'Slack', github: 'GitHub', email: 'Email' }

/** 'Check-in: 23 new' over 'Slack 12 · GitHub 8 · Email 3'; sources with nothing are left out. */
export function describeCheckIn(counts: SourceCounts): { title: string; body: string } {
  const total = counts.slack + counts.github + counts.email
  if (total === 0) return { title: 'Check-in: nothing new', body: '' }
  const body = sourceKinds
    .filter((source) => counts[source] > 0)
    .map((source) => `${sourceNames[source]} ${counts[source]}`)
    .join(' · ')
  return { title: `Check-in: ${total} new`, body }
}

/** The one-line form: 'Check-in: 23 new — Slack 12 · GitHub 8 · Email 3'. */
export function checkInLine(counts: SourceCounts): string {
  const { title, body } = describeCheckIn(counts)
  return body === '' ? title : `${title} — ${body}`
}

export type ReplyState = 'waiting' | 'due-soon' | 'overdue'

/** The last quarter of the reply window is "due soon". */
const dueSoonShare = 0.25

/**
 * How a reply someone waits for stands against the reply window (24 h by
 * default): null when nobody waits (or it is done), 'overdue' past the
 * window, 'due-soon' in its last quarter, otherwise 'waiting'.
 */
export function replyState(
  item: Pick<InboxItem, 'needsReply' | 'status' | 'sentAt'>,
  now: number,
  windowHours: number,
): ReplyState | null {
  if (!item.needsReply || item.status === 'done') return null
  const windowMs = windowHours * 60 * 60_000
  const age = now - item.sentAt
  if (age >= windowMs) return 'overdue'
  if (age >= windowMs * (1 - dueSoonShare)) return 'due-soon'
  return 'waiting'
}
