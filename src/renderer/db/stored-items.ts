// Reading back the stored versions of a batch's items, fast. In Chromium's
// IndexedDB one get per id costs two to three times a row of a getAll over a
// key range, and counting a range is cheaper still. A batch comes from one
// stream, and ids (`<accountId>:<externalId>`) of one stream mostly sort
// together, so the range a batch spans usually holds little but the batch.
import type { InboxItem } from '../../shared/model'
import type { LullDb } from './schema'

/** Above this many stored rows per batch item in the batch's range, per-id gets are cheaper. */
const rangeRowsPerItem = 1.5

/** The stored item for each id, or undefined, in the order of `ids`. Call inside a transaction on items. */
export async function storedItems(db: LullDb, ids: string[]): Promise<(InboxItem | undefined)[]> {
  if (ids.length === 0) return []
  let lowest = ids[0]!
  let highest = lowest
  for (const id of ids) {
    if (id < lowest) lowest = id
    else if (id > highest) highest = id
  }
  const range = () => db.items.where(':id').between(lowest, highest, true, true)
  const inRange = await range().count()
  if (inRange === 0) return ids.map(() => undefined)
  // A crowded range comes from ids that do not sort in arrival order, such
  // as IMAP UIDs without zero-padding.
  if (inRange > ids.length * rangeRowsPerItem) return db.items.bulkGet(ids)
  const byId = new Map<string, InboxItem>()
  for (const item of await range().toArray()) byId.set(item.id, item)
  return ids.map((id) => byId.get(id))
}
