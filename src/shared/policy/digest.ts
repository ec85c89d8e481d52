// A digest as the user reads it: by source, then where it was said, then
// conversation; whatever someone is waiting on comes first, oldest first,
// because the longest wait is the one to answer. One conversation that came
// through several sources (a pull request's notification, its mail, a Slack
// post linking it) is one thread, where its first item was said.
import type { InboxItem, SourceKind } from '../model'
import { sourceKinds } from '../model'

export type DigestThread = { threadKey: string; items: InboxItem[] }
export type DigestGroup = { container: string; threads: DigestThread[] }
export type DigestSection = { source: SourceKind; groups: DigestGroup[] }
export type SourceCounts = { slack: number; github: number; email: number }

/** Reply-needed before the rest, then oldest first; the id keeps equal items in a stable order. */
type Placed = Pick<
  InboxItem,
  'id' | 'needsReply' | 'sentAt' | 'source' | 'container' | 'threadKey' | 'conversationKey'
>

export function compareForDigest(a: Placed, b: Placed): number {
  if (a.needsReply !== b.needsReply) return a.needsReply ? -1 : 1
  return a.sentAt - b.sentAt || a.id.localeCompare(b.id)
}

/**
 * Sections come in a fixed order (Slack, GitHub, email) and only when they
 * have items. Groups and threads are ordered by their first item, which
 * falls out of sorting once and grouping in that order.
 */
export function assembleDigest(items: readonly InboxItem[]): DigestSection[] {
  return groupInOrder([...items].sort(compareForDigest))
}

/**
 * Items already in reading order (a digest's stored `itemIds`, or a first
 * part of them) under their sections, groups and threads, without sorting
 * again: a digest read a page at a time keeps the order it was delivered in.
 */
export function groupInOrder(items: readonly InboxItem[]): DigestSection[] {
  return sourceKinds.flatMap((source) => {
    const groups = groupThreads(items, source)
    if (groups.size === 0) return []
    return [
      {
        source,
        groups: Array.from(groups, ([container, threads]) => ({
          container,
          threads: Array.from(threads.values(), (threadItems) => ({
            threadKey: (threadItems[0] as InboxItem).threadKey,
            items: threadItems,
          })),
        })),
      },
    ]
  })
}

/** The conversation an item is part of here: its conversation key, else its thread where it was said. */
function conversationOf(item: Placed): string {
  return item.conversationKey ?? `${item.source}\u001f${item.container}\u001f${item.threadKey}`
}

/**
 * The groups (places) of one source, each with its threads, in the order of
 * `items`. A conversation lives where its first item in that order was
 * said, so its other items join it there, whatever source brought them.
 */
function groupThreads<T extends Placed>(
  items: readonly T[],
  source: SourceKind,
): Map<string, Map<string, T[]>> {
  const homes = new Map<string, T>()
  for (const item of items) {
    const conversation = conversationOf(item)
    if (!homes.has(conversation)) homes.set(conversation, item)
  }
  const groups = new Map<string, Map<string, T[]>>()
  for (const item of items) {
    const conversation = conversationOf(item)
    const home = homes.get(conversation) as T
    if (home.source !== source) continue
    const threads = groups.get(home.container) ?? new Map<string, T[]>()
    groups.set(home.container, threads)
    const thread = threads.get(conversation)
    if (thread) thread.push(item)
    else threads.set(conversation, [item])
  }
  return groups
}

/**
 * A digest's reading order, worked out once as it is delivered: the ids in
 * the order assembleDigest shows them, and how many conversations (threads
 * within a place) they make. Stored with the digest, it lets the Digest
 * read its first rows without reading every item it holds.
 */
export function readingOrder(items: readonly Placed[]): { itemIds: string[]; conversations: number } {
  const sorted = [...items].sort(compareForDigest)
  const itemIds: string[] = []
  let conversations = 0
  for (const source of sourceKinds)
    for (const threads of groupThreads(sorted, source).values())
      for (const thread of threads.values()) {
        conversations += 1
        for (const item of thread) itemIds.push(item.id)
      }
  return { itemIds, conversations }
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

/**
 * 'Check-in: 23 new' over 'Slack 12 · GitHub 8 · Email 3'; sources with
 * nothing are left out. When some of the items are one conversation that
 * came through several sources, the title counts conversations:
 * 'Check-in: 12 conversations (31 updates)'.
 */
export function describeCheckIn(
  counts: SourceCounts,
  conversations?: number,
): { title: string; body: string } {
  const total = counts.slack + counts.github + counts.email
  if (total === 0) return { title: 'Check-in: nothing new', body: '' }
  const body = sourceKinds
    .filter((source) => counts[source] > 0)
    .map((source) => `${sourceNames[source]} ${counts[source]}`)
    .join(' · ')
  if (conversations !== undefined && conversations < total) {
    const word = conversations === 1 ? 'conversation' : 'conversations'
    return { title: `Check-in: ${conversations} ${word} (${total} updates)`, body }
  }
  return { title: `Check-in: ${total} new`, body }
}

/** The one-line form: 'Check-in: 23 new — Slack 12 · GitHub 8 · Email 3'. */
export function checkInLine(counts: SourceCounts, conversations?: number): string {
  const { title, body } = describeCheckIn(counts, conversations)
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
