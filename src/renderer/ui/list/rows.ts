// What a triage list shows, as plain data: rows (a conversation collapsed
// to one row with its count), grouped under a header that names the source
// and the place once. Pure, so the grouping is tested without a browser.
import type { InboxItem, SourceKind } from '../../../shared/model'
import type { DigestSection } from '../../../shared/policy'

export type TriageRow = {
  /**
   * The row's key in the list: the conversation (account and thread) when
   * threads are collapsed, so the focus stays on it as new messages arrive;
   * the item otherwise.
   */
  id: string
  /** The message the row shows: the latest of its conversation in this list. */
  lead: InboxItem
  /** Every item of the conversation in this list, oldest first: what an action on the row acts on. */
  items: InboxItem[]
}

export type TriageGroup = {
  id: string
  /** Where the group's rows were said; null for a list without headers. */
  header: { source: SourceKind; container: string } | null
  rows: TriageRow[]
}

/** A thread's key: account and thread, with a separator neither can hold. */
const threadId = (item: InboxItem) => `${item.accountId}\u001f${item.threadKey}`

/**
 * A conversation's key in a list: the conversation key stored at ingest
 * (one pull request through GitHub, its mail and a Slack post is one), else
 * the thread.
 */
const conversationId = (item: InboxItem) =>
  item.conversationKey === undefined ? threadId(item) : `c\u001f${item.conversationKey}`

/** Where a message came from, as a row names it: the Slack channel, or the source. */
export function placeOf(item: Pick<InboxItem, 'source' | 'container'>): string {
  if (item.source === 'slack') return item.container
  return item.source === 'github' ? 'GitHub' : 'email'
}

/** "via GitHub, email, #eng-backend" for a conversation's items that came through more than one place; else null. */
export function viaLine(items: readonly InboxItem[]): string | null {
  const places = [...new Set(items.map(placeOf))]
  return places.length > 1 ? `via ${places.join(', ')}` : null
}
const bySent = (a: InboxItem, b: InboxItem) => a.sentAt - b.sentAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** A row for a conversation's items (in any order). */
export function rowOf(id: string, items: readonly InboxItem[]): TriageRow {
  const sorted = [...items].sort(bySent)
  const lead = sorted.at(-1)
  if (!lead) throw new Error('A row needs at least one item.')
  return { id, lead, items: sorted }
}

/**
 * Rows in the order of `items`: with `isCollapsed`, every conversation is
 * one row, placed where its first item comes in that order.
 */
export function toRows(items: readonly InboxItem[], isCollapsed: boolean): TriageRow[] {
  if (!isCollapsed) return items.map((item) => ({ id: item.id, lead: item, items: [item] }))
  const threads = new Map<string, InboxItem[]>()
  for (const item of items) {
    const key = conversationId(item)
    const thread = threads.get(key)
    if (thread) thread.push(item)
    else threads.set(key, [item])
  }
  return Array.from(threads, ([key, thread]) => rowOf(key, thread))
}

/** One group without a header: a flat list. */
export function flatGroups(items: readonly InboxItem[], isCollapsed: boolean): TriageGroup[] {
  return [{ id: 'all', header: null, rows: toRows(items, isCollapsed) }]
}

/** A digest's sections as groups: one header per source and place, one row per conversation. */
export function digestGroups(sections: readonly DigestSection[]): TriageGroup[] {
  return sections.flatMap((section) =>
    section.groups.map((group) => {
      const id = `${section.source}\u001f${group.container}`
      return {
        id,
        header: { source: section.source, container: group.container },
        // Keyed within the group too: a thread key is only unique where it was said.
        rows: group.threads.map((thread) =>
          rowOf(`${id}\u001f${conversationId(thread.items[0] as InboxItem)}`, thread.items),
        ),
      }
    }),
  )
}

export function rowsOf(groups: readonly TriageGroup[]): TriageRow[] {
  return groups.flatMap((group) => group.rows)
}

/** The items a row's actions reach: those not done yet. */
export function openItems(rows: readonly TriageRow[]): InboxItem[] {
  return rows.flatMap((row) => row.items.filter((item) => item.status !== 'done'))
}

/** A row is done when all its items are. */
export function isRowDone(row: TriageRow): boolean {
  return row.items.every((item) => item.status === 'done')
}

/**
 * Where the focus goes after an action on `acted`: the first row after the
 * focused one that was not acted on, else the nearest one before it, else
 * the focused row itself (a list that keeps done rows, such as a digest).
 */
export function nextFocus(
  order: readonly string[],
  focused: string | null,
  acted: ReadonlySet<string>,
): string | null {
  if (focused === null) return order[0] ?? null
  const at = order.indexOf(focused)
  if (at < 0) return order[0] ?? null
  if (!acted.has(focused)) return focused
  for (let index = at + 1; index < order.length; index++) {
    const key = order[index] as string
    if (!acted.has(key)) return key
  }
  for (let index = at - 1; index >= 0; index--) {
    const key = order[index] as string
    if (!acted.has(key)) return key
  }
  return focused
}

/**
 * Rows marked done a moment ago, drawn as done before the store says so:
 * the write and the store's answer take a few hundred milliseconds at
 * 100,000 items, and the list must answer the key within a frame. A row is
 * kept under its lead item as it was when marked; once the store answers
 * (a new lead, or no row), the store's word stands again.
 */
export type Settling = ReadonlyMap<string, InboxItem>

/** The groups as they will be once the rows in `settling` are done: dropped, or kept drawn done. */
export function settleDone(
  groups: readonly TriageGroup[],
  settling: Settling,
  keepsDone: boolean,
): TriageGroup[] {
  if (settling.size === 0) return groups as TriageGroup[]
  const isSettling = (row: TriageRow) => settling.get(row.id) === row.lead
  return groups.flatMap((group) => {
    if (!group.rows.some(isSettling)) return [group]
    const rows = keepsDone
      ? group.rows.map((row) =>
          isSettling(row)
            ? { ...row, items: row.items.map((item) => ({ ...item, status: 'done' as const })) }
            : row,
        )
      : group.rows.filter((row) => !isSettling(row))
    return rows.length > 0 ? [{ ...group, rows }] : []
  })
}

/** The entries of `settling` the store has not answered yet: their row still has the same lead. */
export function stillSettling(groups: readonly TriageGroup[], settling: Settling): Settling {
  if (settling.size === 0) return settling
  const kept = new Map<string, InboxItem>()
  for (const group of groups)
    for (const row of group.rows) if (settling.get(row.id) === row.lead) kept.set(row.id, row.lead)
  return kept.size === settling.size ? settling : kept
}
