// Search over the whole store through an index, never a scan of it. The
// index is filled behind ingest: items stored since the last run are read
// in order of arrival and their terms written, so storing a page of items
// costs what it did.
//
// A query answers the newest matches first and stops at its limit, so its
// cost follows the size of the answer, not of the store. Each word of the
// query begins one or more terms (the last word may be half typed); the
// list of terms, with each term's count of postings, tells which word is
// rarest before any posting is read:
// - a word with few terms is read term by term, newest first, merged, a
//   page at a time, and stops at the limit;
// - words whose postings are few (up to `fewPostings`) are read whole and
//   their items intersected, when there are several, or when the rare word
//   begins too many terms to merge: an exact answer at the cost of a small
//   key range;
// - a short word that begins very many terms ("d", "re") matches much of
//   the store, so the items themselves are read newest first.
// Every candidate is checked against the item as it is now (an edit or a
// removal since it was indexed is not reported) and against the caller's
// filters, until the limit is reached or `maxExamined` items were looked
// at; then the answer says it is partial.
import Dexie from 'dexie'
import { z } from 'zod'
import { type InboxItem, ItemStatus } from '../../shared/model'
import { itemTerms, matchesQuery, words } from '../../shared/search-terms'
import { readItemRows } from './item-rows'
import { getMeta, setMeta } from './repositories'
import { type LullDb, type SearchPostingRow, searchWatermarkKey } from './schema'

/** Items read per status in one indexing step: a step writes about 20 postings an item. */
const batchPerStatus = 250

/** How a query chooses its way; tests shrink these to walk every way on a small store. */
export type SearchTuning = {
  /** A word with at most this many postings is read whole. */
  fewPostings: number
  /** A word that begins more terms than this is not read term by term. */
  mostTermsMerged: number
  /** A word that begins more terms than this is not counted: it is answered by reading items. */
  mostTermsCounted: number
  /** The most items one query looks at before it answers with what it found. */
  maxExamined: number
  /** Candidates read per page after the first (the first is the limit). */
  pageSize: number
}

export const defaultTuning: SearchTuning = {
  fewPostings: 3_000,
  mostTermsMerged: 24,
  mostTermsCounted: 2_000,
  maxExamined: 5_000,
  pageSize: 500,
}

/**
 * Index the items that arrived since the last call, one bounded step.
 * Answers how many were indexed; call again while it answers more than 0.
 */
export async function indexNewItems(db: LullDb): Promise<number> {
  const after = await getMeta(db, searchWatermarkKey, z.number(), -1)
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
  // before that time, so nothing is skipped. When that leaves nothing (one
  // ingest batch shares its time), take every item of that time instead.
  const fullPageEnds = pages
    .filter((page) => page.length === batchPerStatus)
    .map((page) => page[page.length - 1]?.receivedAt ?? Number.POSITIVE_INFINITY)
  const cutoff = fullPageEnds.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...fullPageEnds)
  let rows = pages.flat().filter((row) => row.receivedAt < cutoff)
  if (rows.length === 0 && Number.isFinite(cutoff)) {
    const atCutoff = await Promise.all(
      ItemStatus.options.map((status) =>
        db.items.where('[status+receivedAt]').equals([status, cutoff]).toArray(),
      ),
    )
    rows = atCutoff.flat()
  }
  if (rows.length === 0) return 0
  const { items } = readItemRows(rows as unknown[])
  const postings = postingsOf(items)
  const added = countTerms(postings)
  const upTo = Math.max(...rows.map((row) => row.receivedAt))
  await db.transaction('rw', [db.searchPostings, db.searchWords, db.meta], async () => {
    const known = await db.searchWords.bulkGet([...added.keys()])
    await db.searchPostings.bulkPut(postings)
    await db.searchWords.bulkPut(
      [...added].map(([term, count], index) => ({ term, count: count + (known[index]?.count ?? 0) })),
    )
    await setMeta(db, searchWatermarkKey, upTo)
  })
  return rows.length
}

/** How many postings each term has among `postings`. */
export function countTerms(postings: readonly SearchPostingRow[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const { term } of postings) counts.set(term, (counts.get(term) ?? 0) + 1)
  return counts
}

/** The index rows of some items: one per term of each. */
export function postingsOf(items: readonly InboxItem[]): SearchPostingRow[] {
  return items.flatMap((item) =>
    itemTerms(item).map((term) => ({ term, at: item.receivedAt, itemId: item.id })),
  )
}

/** Edited items indexed again per step. */
const editsPerStep = 200

/**
 * Index again the words of items an edit changed, one bounded step: their
 * postings become those of their words now, and the counts follow.
 * Answers how many were handled; call again while it answers more than 0.
 */
export async function reindexEdited(db: LullDb): Promise<number> {
  return db.transaction('rw', [db.searchPending, db.items, db.searchPostings, db.searchWords], async () => {
    const ids = await db.searchPending.limit(editsPerStep).primaryKeys()
    if (ids.length === 0) return 0
    const [stored, before] = await Promise.all([
      db.items.bulkGet(ids),
      db.searchPostings.where('itemId').anyOf(ids).primaryKeys(),
    ])
    const { items } = readItemRows(presentRows(stored))
    const after = postingsOf(items)
    const keyOf = (term: string, at: number, itemId: string) => JSON.stringify([term, at, itemId])
    const afterKeys = new Set(after.map(({ term, at, itemId }) => keyOf(term, at, itemId)))
    const beforeKeys = new Set(before.map((key) => keyOf(...key)))
    const stale = before.filter((key) => !afterKeys.has(keyOf(...key)))
    const fresh = after.filter(({ term, at, itemId }) => !beforeKeys.has(keyOf(term, at, itemId)))
    // Counts follow: one more for each new posting, one fewer for each dropped one.
    const change = countTerms(fresh)
    for (const [term] of stale) change.set(term, (change.get(term) ?? 0) - 1)
    const terms = [...change.keys()]
    const known = await db.searchWords.bulkGet(terms)
    await Promise.all([
      db.searchPostings.bulkDelete(stale),
      db.searchPostings.bulkPut(fresh),
      db.searchWords.bulkPut(
        terms.map((term, index) => ({
          term,
          count: Math.max(0, (known[index]?.count ?? 0) + (change.get(term) ?? 0)),
        })),
      ),
      db.searchPending.bulkDelete(ids),
    ])
    return ids.length
  })
}

/**
 * Index everything not yet indexed, and edits, a step at a time. `pauseMs`
 * between steps leaves the page and the store to others while a large
 * backlog (a first start after an upgrade) is worked off.
 */
export async function indexAll(db: LullDb, options: { maxSteps?: number; pauseMs?: number } = {}) {
  const { maxSteps = 1_000, pauseMs = 0 } = options
  for (let step = 0; step < maxSteps; step++) {
    if ((await indexNewItems(db)) + (await reindexEdited(db)) === 0) return
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs))
  }
}

/** How a query found its items: see the top of this file. */
export type SearchWay = 'none' | 'whole' | 'terms' | 'items'

export type SearchAnswer = {
  /** Newest first. */
  items: InboxItem[]
  /** False when the query stopped after `maxExamined` items without reaching its limit. */
  isComplete: boolean
  way: SearchWay
}

export type SearchOptions = {
  limit?: number
  /** The caller's filters: only items it keeps count toward the limit. */
  keep?: (item: InboxItem) => boolean
  tuning?: Partial<SearchTuning>
}

/**
 * Items matching every word of `query` (each word begins a word of the
 * sender, the place, the title or the text), newest first, at most `limit`.
 */
export async function searchItems(
  db: LullDb,
  query: string,
  options: SearchOptions = {},
): Promise<SearchAnswer> {
  const { limit = 100, keep = () => true } = options
  const tuning = { ...defaultTuning, ...options.tuning }
  const wanted = [...new Set(words(query))]
  if (wanted.length === 0) return { items: [], isComplete: true, way: 'none' }
  const accept = (item: InboxItem) => matchesQuery(item, query) && keep(item)
  const found = (way: SearchWay, feed: Feed) =>
    collect(feed, accept, limit, tuning).then((answer) => ({ ...answer, way }))
  // What the list of terms says of each word: the terms it begins and their postings.
  const known = await Promise.all(wanted.map((word) => termsBeginning(db, word, tuning.mostTermsCounted)))
  const sparse = known.filter((word) => word.postings <= tuning.fewPostings)
  const readWhole = async () =>
    found(
      'whole',
      fromWholeWords(db, await Promise.all(sparse.map((word) => postingsBeginning(db, word.word)))),
    )
  // Several rare words: their items, intersected, are fewer than any one word's.
  if (sparse.length > 1) return readWhole()
  // One word read newest first stops at the limit, so it never reads more than the whole word would.
  const rarest = known
    .filter((word) => word.terms.length <= tuning.mostTermsMerged)
    .sort((a, b) => a.postings - b.postings)[0]
  if (rarest && (sparse.length === 0 || rarest === sparse[0]))
    return found('terms', fromTerms(db, rarest.terms))
  if (sparse.length === 1) return readWhole()
  return found(
    'items',
    fromItems(db, (row) => rowMatches(row, query)),
  )
}

/** Entries of a newest-first feed: a time, an id, and maybe the row already read. */
type Entry = { at: number; id: string; row?: unknown }
/**
 * The next page of a newest-first feed: up to `count` candidates looked at
 * (`looked`, 0 when the feed has no more) and the rows among them worth
 * parsing.
 */
type Feed = (count: number) => Promise<{ looked: number; rows: unknown[] }>

/** Checks candidates, newest first, until `limit` are accepted or the feed or the budget runs out. */
async function collect(
  feed: Feed,
  accept: (item: InboxItem) => boolean,
  limit: number,
  { maxExamined, pageSize }: SearchTuning,
): Promise<Omit<SearchAnswer, 'way'>> {
  const found: InboxItem[] = []
  let examined = 0
  let count = limit
  while (found.length < limit) {
    if (examined >= maxExamined) return { items: newestFirst(found), isComplete: false }
    const { looked, rows } = await feed(Math.min(count, maxExamined - examined))
    if (looked === 0) break
    examined += looked
    for (const item of readItemRows(rows).items) {
      if (found.length < limit && accept(item)) found.push(item)
    }
    count = pageSize
  }
  return { items: newestFirst(found), isComplete: true }
}

/** Newest first; among items of one time, highest id first, the order the time index reads backwards. */
const byNewest = (a: { at: number; id: string }, b: { at: number; id: string }) =>
  b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)

const newestFirst = (items: InboxItem[]) =>
  items.sort((a, b) => byNewest({ at: a.receivedAt, id: a.id }, { at: b.receivedAt, id: b.id }))

/** Every posting of the terms a word begins. */
async function postingsBeginning(db: LullDb, word: string) {
  return {
    keys: await db.searchPostings
      .where('[term+at+itemId]')
      .between([word], [`${word}\uffff`])
      .primaryKeys(),
  }
}

/**
 * The items of the word with the fewest postings that every other wholly
 * read word also names, newest first, fetched a page at a time.
 */
function fromWholeWords(db: LullDb, whole: Array<{ keys: Array<[string, number, string]> }>): Feed {
  const [driver, ...others] = [...whole].sort((a, b) => a.keys.length - b.keys.length)
  const alsoNamed = others.map((other) => new Set(other.keys.map((key) => key[2])))
  const seen = new Set<string>()
  const ids = (driver?.keys ?? [])
    .map(([, at, id]) => ({ at, id }))
    .sort(byNewest)
    .filter(({ id }) => !seen.has(id) && seen.add(id) && alsoNamed.every((named) => named.has(id)))
    .map(({ id }) => id)
  let next = 0
  return async (count) => {
    const page = ids.slice(next, next + count)
    next += page.length
    return { looked: page.length, rows: presentRows(await db.items.bulkGet(page)) }
  }
}

/**
 * The terms a word begins and how many postings they have together, from
 * the list of terms. Past `most` terms the word is taken to have more
 * postings than any other.
 */
async function termsBeginning(db: LullDb, word: string, most: number) {
  const rows = await db.searchWords
    .where('term')
    .startsWith(word)
    .limit(most + 1)
    .toArray()
  const isCounted = rows.length <= most
  return {
    word,
    terms: rows.map((row) => row.term),
    postings: isCounted ? rows.reduce((sum, row) => sum + row.count, 0) : Number.POSITIVE_INFINITY,
  }
}

/** The items of a few terms, newest first: each term's postings read backwards and merged. */
function fromTerms(db: LullDb, terms: string[]): Feed {
  const merged = mergeNewestFirst(
    terms.map((term) => {
      let before: [string, number, string] | undefined
      return async (count) => {
        const keys = await db.searchPostings
          .where('[term+at+itemId]')
          .between([term], before ?? [term, Dexie.maxKey], true, false)
          .reverse()
          .limit(count)
          .primaryKeys()
        before = keys[keys.length - 1] ?? before
        return keys.map(([, at, id]) => ({ at, id }))
      }
    }),
  )
  const seen = new Set<string>()
  return async (count) => {
    const ids: string[] = []
    while (ids.length < count) {
      const entries = await merged(count - ids.length)
      if (entries.length === 0) break
      for (const { id } of entries) if (!seen.has(id) && seen.add(id)) ids.push(id)
    }
    return { looked: ids.length, rows: presentRows(await db.items.bulkGet(ids)) }
  }
}

/**
 * Stored items of every status, newest first, that pass a cheap check on
 * the raw row (a word that begins many terms matches many items, so few
 * are read for a page of matches).
 */
function fromItems(db: LullDb, isCandidate: (row: unknown) => boolean): Feed {
  const merged = mergeNewestFirst(ItemStatus.options.map((status) => itemsNewestFirst(db, status)))
  return async (count) => {
    const entries = await merged(count)
    return { looked: entries.length, rows: entries.map((entry) => entry.row).filter(isCandidate) }
  }
}

/**
 * The items of one status, newest first, a page at a time: each page
 * starts below the last item read. Items stored in one batch share their
 * time, so a page first takes the rest of the last one's time (the index
 * orders those by id, highest first in reverse).
 */
function itemsNewestFirst(db: LullDb, status: ItemStatus) {
  let last: { at: number; id: string } | undefined
  return async (count: number): Promise<Entry[]> => {
    const rows: InboxItem[] = []
    if (last) {
      const { at, id } = last
      const sameTime = await db.items.where('[status+receivedAt]').equals([status, at]).toArray()
      rows.push(...newestFirst(sameTime.filter((row) => row.id < id)))
    }
    const older = await db.items
      .where('[status+receivedAt]')
      .between([status, Dexie.minKey], last ? [status, last.at] : [status, Dexie.maxKey], true, false)
      .reverse()
      .limit(count)
      .toArray()
    rows.push(...older)
    const end = rows[rows.length - 1]
    if (end) last = { at: end.receivedAt, id: end.id }
    return rows.map((row) => ({ at: row.receivedAt, id: row.id, row }))
  }
}

/**
 * Merges feeds that each answer newest first into one that does. A feed's
 * pages are read only when its buffered entries run out.
 */
function mergeNewestFirst(sources: Array<(count: number) => Promise<Entry[]>>) {
  const feeds = sources.map((read) => ({ read, buffer: [] as Entry[], isDone: false }))
  return async (count: number): Promise<Entry[]> => {
    const out: Entry[] = []
    while (out.length < count) {
      const empty = feeds.filter((feed) => feed.buffer.length === 0 && !feed.isDone)
      await Promise.all(
        empty.map(async (feed) => {
          const page = await feed.read(count - out.length)
          feed.buffer = page
          feed.isDone = page.length === 0
        }),
      )
      const live = feeds.filter((feed) => feed.buffer.length > 0)
      if (live.length === 0) break
      // Take from the newest head until some feed's buffer runs dry.
      while (out.length < count && live.every((feed) => feed.buffer.length > 0)) {
        let newest = live[0]!
        for (const feed of live) if (byNewest(feed.buffer[0]!, newest.buffer[0]!) < 0) newest = feed
        out.push(newest.buffer.shift()!)
      }
    }
    return out
  }
}

function presentRows(rows: readonly unknown[]): unknown[] {
  return rows.filter((row) => row !== undefined)
}

/** The query checked on a stored row before it is parsed; a row of another shape is left to the parse. */
function rowMatches(row: unknown, query: string): boolean {
  const candidate = row as Partial<InboxItem> | undefined
  const isItemShaped =
    typeof candidate?.author?.name === 'string' &&
    typeof candidate.author.id === 'string' &&
    typeof candidate.container === 'string' &&
    typeof candidate.title === 'string' &&
    typeof candidate.text === 'string'
  return !isItemShaped || matchesQuery(candidate as InboxItem, query)
}
