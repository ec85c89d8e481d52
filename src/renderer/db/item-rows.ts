// Reading stored item rows through the model's schema. A row written by an
// old version, a bug or a hand edit may not be an item any more; it is told
// apart here, with the reason, so the caller can set it aside instead of
// handing it to a view or a check-in that would trip over it.
import type { IndexableType } from 'dexie'
import type { z } from 'zod'
import { InboxItem } from '../../shared/model'

/**
 * A stored row that does not parse as an item: its primary key (usually a
 * string, but a hand-edited row may have any IndexedDB key), the row as
 * stored, and why.
 */
export type BadItemRow = { key: IndexableType; row: unknown; reason: string }

export type ReadRows = { items: InboxItem[]; bad: BadItemRow[] }

/** Splits rows into items and bad rows, keeping the items in the order given. */
export function readItemRows(rows: readonly unknown[]): ReadRows {
  const items: InboxItem[] = []
  const bad: BadItemRow[] = []
  for (const row of rows) {
    const read = readItemRow(row)
    if (isBadItemRow(read)) bad.push(read)
    else items.push(read)
  }
  return { items, bad }
}

/**
 * The item, or the reason it is not one. A link an older version stored and
 * Lull no longer opens (links got stricter) costs the item its link only.
 */
export function readItemRow(row: unknown): InboxItem | BadItemRow {
  const parsed = InboxItem.safeParse(row)
  if (parsed.success) return parsed.data
  if (
    parsed.error.issues.every((issue) => issue.path[0] === 'url') &&
    typeof row === 'object' &&
    row !== null
  ) {
    const { url: _dropped, ...rest } = row as Record<string, unknown>
    const withoutLink = InboxItem.safeParse(rest)
    if (withoutLink.success) return withoutLink.data
  }
  return { key: storedKeyOf(row), row, reason: describeIssues(parsed.error) }
}

export function isBadItemRow(value: InboxItem | BadItemRow): value is BadItemRow {
  return 'reason' in value && 'row' in value
}

/**
 * Items are stored with an inline `id` key, so every stored row has one,
 * whatever else is wrong, and IndexedDB accepted it as a key.
 */
export function storedKeyOf(row: unknown): IndexableType {
  if (typeof row === 'object' && row !== null && 'id' in row) return row.id as IndexableType
  return String(row)
}

/** 'author: expected object, received undefined; sentAt: …', the first few problems only. */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.')
    return path === '' ? issue.message : `${path}: ${issue.message}`
  })
  const more = error.issues.length - shown.length
  return more > 0 ? `${shown.join('; ')} (and ${more} more)` : shown.join('; ')
}
