// Search over the whole store through an index, never a scan. The index is
// filled behind ingest: after pulls, items stored since the last run are
// read in order of arrival and their terms written, so storing a page of
// items costs what it did. A query reads one key range per word, keeps the
// items every word found, and checks each against the item as it is now
// (an edit or a removal since it was indexed is not reported).
import Dexie from 'dexie'
import { z } from 'zod'
import { type InboxItem, ItemStatus } from '../../shared/model'
import { itemTerms, matchesQuery, words } from '../../shared/search-terms'
import { readItemRows } from './item-rows'
import { getMeta, setMeta } from './repositories'
import type { LullDb, SearchTermRow } from './schema'

const watermarkKey = 'searchIndexedUpTo'
/** Items read per status in one indexing step. */
const batchPerStatus = 1_000
/** Item ids one query word may name before the query asks for more words. */
const idsPerWord = 20_000

/**
 * Index the items that arrived since the last call, one bounded step.
 * Answers how many were indexed; call again while it answers more than 0.
 */
export async function indexNewItems(db: LullDb): Promise<number> {
  const after = await getMeta(db, watermarkKey, z.number(), -1)
  const pages = await Promise.all(
    ItemStatus.options.map((status) =>
      db.items
        .where('[status+receivedAt]')
        .between([status, after], [status, Dexie.maxKey], false, true)
        .limit(batchPerStatus)
        .toArray(),
    ),
  )
  // A status whose page was full may have more at its last time: stop
  // before that time, so nothing is skipped, unless that would leave nothing.
  const fullPageEnds = pages
    .filter((page) => page.length === batchPerStatus)
    .map((page) => page[page.length - 1]?.receivedAt ?? Number.POSITIVE_INFINITY)
  const cutoff = fullPageEnds.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...fullPageEnds)
  let rows = pages.flat().filter((row) => row.receivedAt < cutoff)
  if (rows.length === 0) rows = pages.flat().filter((row) => row.receivedAt === cutoff)
  if (rows.length === 0) return 0
  const { items } = readItemRows(rows as unknown[])
  const terms: SearchTermRow[] = items.flatMap((item) =>
    itemTerms(item).map((term) => ({ term, itemId: item.id })),
  )
  const upTo = Math.max(...rows.map((row) => row.receivedAt))
  await db.transaction('rw', db.searchTerms, db.meta, async () => {
    await db.searchTerms.bulkPut(terms)
    await setMeta(db, watermarkKey, upTo)
  })
  return rows.length
}

/** Index everything not yet indexed, a step at a time. */
export async function indexAll(db: LullDb, maxSteps = 1_000): Promise<void> {
  for (let step = 0; step < maxSteps; step++) if ((await indexNewItems(db)) === 0) return
}

/**
 * Items matching every word of `query` (each word begins a word of the
 * sender, the place, the title or the text), newest first, at most `limit`.
 */
export async function searchItems(db: LullDb, query: string, limit = 100): Promise<InboxItem[]> {
  const wanted = [...new Set(words(query))]
  if (wanted.length === 0) return []
  // The longest word first: it usually names the fewest items.
  wanted.sort((a, b) => b.length - a.length)
  let ids = new Set<string>()
  let isFirst = true
  for (const word of wanted) {
    const keys = await db.searchTerms
      .where('[term+itemId]')
      .between([word, Dexie.minKey], [`${word}\uffff`, Dexie.maxKey])
      .limit(idsPerWord)
      .primaryKeys()
    const found = new Set<string>(keys.map((key) => key[1]))
    ids = isFirst ? found : new Set([...ids].filter((id) => found.has(id)))
    isFirst = false
    if (ids.size === 0) return []
  }
  const rows = await db.items.bulkGet([...ids])
  const { items } = readItemRows(rows.filter((row) => row !== undefined) as unknown[])
  return items
    .filter((item) => matchesQuery(item, query))
    .sort((a, b) => b.receivedAt - a.receivedAt || (a.id < b.id ? 1 : -1))
    .slice(0, limit)
}
