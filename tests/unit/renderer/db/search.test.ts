import Dexie from 'dexie'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ingestBatch } from '../../../../src/renderer/db/ingest'
import { LullDb, schemaV6, searchWatermarkKey } from '../../../../src/renderer/db/schema'
import {
  indexAll,
  indexNewItems,
  type SearchTuning,
  type SearchWay,
  searchItems,
} from '../../../../src/renderer/db/search'
import type { InboxItem } from '../../../../src/shared/model'
import { itemTerms, matchesQuery, words } from '../../../../src/shared/search-terms'
import { ingestHeld, openFreshDb, sourceItem, storedItem } from './fixtures'

const t0 = 1_700_000_100_000
let db: LullDb

beforeEach(() => {
  db = openFreshDb()
})
afterEach(() => db.close())

describe('search terms', () => {
  it('are words, lower-case, accents folded, each once', () => {
    expect(words('Déploiement ÉCHOUÉ: prod-eu #1')).toEqual(['deploiement', 'echoue', 'prod', 'eu', '1'])
    const terms = itemTerms({
      author: { id: 'U1', name: 'Dana' },
      container: '#general',
      title: 'Dana in #general',
      text: 'hi dana',
    })
    expect(terms).toEqual(['dana', 'u1', 'general', 'in', 'hi'])
  })
})

describe('search', () => {
  it('finds items by sender, title and text, every word, the last one half typed, newest first', async () => {
    await ingestHeld(
      db,
      [
        sourceItem(1, {
          author: { id: 'U1', name: 'Dana Whitfield' },
          title: 'Deploy stuck',
          text: 'eu-west is red',
        }),
        sourceItem(2, { author: { id: 'U2', name: 'Lee' }, title: 'Lunch', text: 'deploy after lunch?' }),
      ],
      t0,
    )
    await ingestHeld(db, [sourceItem(3, { title: 'Deploy done', text: 'all green' })], t0 + 10, 'c2')
    await indexAll(db)
    expect((await searchItems(db, 'deploy')).items.map((item) => item.id)).toEqual([
      'acct-1:m3',
      'acct-1:m2',
      'acct-1:m1',
    ])
    // Item 3 is Dana's too (the fixture's author).
    expect((await searchItems(db, 'dana deplo')).items.map((item) => item.id)).toEqual([
      'acct-1:m3',
      'acct-1:m1',
    ])
    expect((await searchItems(db, 'lee lunch')).items.map((item) => item.id)).toEqual(['acct-1:m2'])
    expect((await searchItems(db, 'nothing-like-this')).items).toEqual([])
    expect((await searchItems(db, '  ')).items).toEqual([])
  })

  it('indexes only what arrived since the last run', async () => {
    await ingestHeld(db, [sourceItem(1), sourceItem(2)], t0)
    expect(await indexNewItems(db)).toBe(2)
    expect(await indexNewItems(db)).toBe(0)
    await ingestHeld(db, [sourceItem(3)], t0 + 5, 'c2')
    expect(await indexNewItems(db)).toBe(1)
  })

  it('finds an edited item by its words now, not by the words it lost', async () => {
    await ingestHeld(db, [sourceItem(1, { text: 'pineapple pizza' })], t0)
    await indexAll(db)
    const edit = () =>
      ingestBatch(db, {
        accountId: 'acct-1',
        stream: 'C01',
        items: [sourceItem(1, { text: 'pineapple mango' })],
        cursor: 'c2',
        now: t0 + 5,
        classify: () => null,
      })
    await edit()
    // Before the indexer runs, the item as it is now still decides.
    expect((await searchItems(db, 'pizza')).items).toEqual([])
    expect(await db.searchPending.count()).toBe(1)
    await indexAll(db)
    expect(await db.searchPending.count()).toBe(0)
    expect(ids((await searchItems(db, 'mango')).items)).toEqual(['acct-1:m1'])
    expect(ids((await searchItems(db, 'pineapple')).items)).toEqual(['acct-1:m1'])
    expect((await searchItems(db, 'pizza')).items).toEqual([])
    const count = async (term: string) => (await db.searchWords.get(term))?.count
    expect([await count('pineapple'), await count('mango'), await count('pizza')]).toEqual([1, 1, 0])
    expect(await db.searchPostings.where('itemId').equals('acct-1:m1').count()).toBe(
      itemTerms(sourceItem(1, { text: 'pineapple mango' })).length,
    )
  })

  it('walks a backlog bigger than one step without skipping items that share an arrival time', async () => {
    const many = Array.from({ length: 1_500 }, (_, index) =>
      sourceItem(index, { text: index === 1_499 ? 'needle' : 'hay' }),
    )
    for (let start = 0; start < many.length; start += 500) {
      await ingestHeld(db, many.slice(start, start + 500), t0 + start, `c${start}`)
    }
    await indexAll(db)
    expect((await searchItems(db, 'needle')).items.map((item) => item.id)).toEqual(['acct-1:m1499'])
    expect((await searchItems(db, 'hay', { limit: 2_000 })).items).toHaveLength(1_499)
  })
})

/** Every stored item that matches, newest first: what the index must answer without reading them all. */
async function scanForMatches(db: LullDb, query: string, keep: (item: InboxItem) => boolean = () => true) {
  const all = await db.items.toArray()
  return all
    .filter((item) => matchesQuery(item, query) && keep(item))
    .sort((a, b) => b.receivedAt - a.receivedAt || (a.id < b.id ? 1 : -1))
}

const ids = (items: InboxItem[]) => items.map((item) => item.id)

/** Stores items with the given texts, `perBatch` to an arrival time, and indexes them. */
async function storeTexts(
  texts: string[],
  perBatch: number,
  statuses: InboxItem['status'][] = ['delivered'],
) {
  const rows = texts.map((text, n) =>
    storedItem(n, {
      text,
      title: `Note ${n % 7}`,
      status: statuses[n % statuses.length] ?? 'delivered',
      receivedAt: t0 + Math.floor(n / perBatch) * 1_000,
    }),
  )
  await db.items.bulkPut(rows)
  await indexAll(db)
}

describe('search at scale, by way of each of its paths', () => {
  // Small tunings make a store of a few hundred items walk the ways a
  // large one does: a word read whole, terms merged, items read.
  const vocabulary = ['alpha', 'alpine', 'beta', 'bet', 'gamma', 'gam', 'delta', 'deploy', 'dep']
  const text = fc
    .array(fc.constantFrom(...vocabulary), { minLength: 0, maxLength: 4 })
    .map((parts) => parts.join(' '))
  const query = fc
    .array(
      fc.oneof(
        fc.constantFrom(...vocabulary),
        fc.constantFrom(...vocabulary).map((word) => word.slice(0, 2)),
        fc.constantFrom('note', 'n', '3', 'zzz', 'dana'),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((parts) => parts.join(' '))
  // Prefixes that each begin two or three terms: with these alone no word
  // has one term, so the "items read" way is the one taken.
  const shortQuery = fc
    .array(fc.constantFrom('de', 'al', 'be', 'ga'), { minLength: 1, maxLength: 2 })
    .map((parts) => parts.join(' '))
  const ways: Array<[SearchWay, Partial<SearchTuning>, fc.Arbitrary<string>]> = [
    ['whole', { fewPostings: 10_000 }, query],
    ['terms', { fewPostings: 4, mostTermsMerged: 50, pageSize: 3 }, query],
    ['items', { fewPostings: 2, mostTermsMerged: 1, pageSize: 5 }, shortQuery],
  ]

  for (const [way, tuning, asked] of ways) {
    it(`answers what a scan of every item answers, newest first, up to the limit: way "${way}"`, async () => {
      let isWayTaken = false
      await fc.assert(
        fc.asyncProperty(
          fc.array(text, { minLength: 0, maxLength: 60 }),
          fc.integer({ min: 1, max: 12 }),
          fc.array(asked, { minLength: 1, maxLength: 4 }),
          fc.integer({ min: 1, max: 12 }),
          async (texts, perBatch, queries, limit) => {
            db.close()
            db = openFreshDb()
            await storeTexts(texts, perBatch, ['delivered', 'held', 'done', 'snoozed'])
            for (const typed of queries) {
              const answer = await searchItems(db, typed, { limit, tuning })
              isWayTaken ||= answer.way === way
              expect(answer.isComplete).toBe(true)
              expect(ids(answer.items)).toEqual(ids((await scanForMatches(db, typed)).slice(0, limit)))
            }
          },
        ),
        { numRuns: 40 },
      )
      expect(isWayTaken).toBe(true)
    })
  }

  it('counts only what the filters keep toward the limit', async () => {
    await storeTexts(
      Array.from({ length: 40 }, () => 'deploy'),
      3,
      ['delivered', 'done'],
    )
    const isDone = (item: InboxItem) => item.status === 'done'
    for (const [, tuning] of ways) {
      const answer = await searchItems(db, 'deploy', { limit: 5, keep: isDone, tuning })
      expect(ids(answer.items)).toEqual(ids((await scanForMatches(db, 'deploy', isDone)).slice(0, 5)))
      expect(answer.items.every(isDone)).toBe(true)
    }
  })

  it('reads items that share one arrival time page by page, in index order, none twice', async () => {
    await storeTexts(
      Array.from({ length: 30 }, () => 'alpha'),
      30,
    )
    // Every item has the same time; a filter that keeps one in three makes the query read several pages.
    const keep = (item: InboxItem) => Number(item.id.split(':m')[1]) % 3 === 0
    const tuning = { fewPostings: 2, mostTermsMerged: 0, pageSize: 4 }
    const answer = await searchItems(db, 'alpha', { limit: 7, keep, tuning })
    expect(answer.way).toBe('items')
    expect(ids(answer.items)).toEqual(ids((await scanForMatches(db, 'alpha', keep)).slice(0, 7)))
  })

  it('says its answer is partial when it stopped looking before the limit', async () => {
    // "beta" in every second item, "gamma" in every third: both common, the pair in one in six.
    await storeTexts(
      Array.from(
        { length: 100 },
        (_, n) => `alpha ${n % 2 === 0 ? 'beta' : ''} ${n % 3 === 0 ? 'gamma' : ''}`,
      ),
      1,
    )
    const tuning = { fewPostings: 4, maxExamined: 30, pageSize: 10 }
    const partial = await searchItems(db, 'beta gamma', { limit: 20, tuning })
    expect(partial.way).toBe('terms')
    expect(partial.isComplete).toBe(false)
    // What it found is the newest of the true matches, in order.
    const truth = ids(await scanForMatches(db, 'beta gamma'))
    expect(truth).toHaveLength(17)
    expect(partial.items.length).toBeGreaterThan(0)
    expect(ids(partial.items)).toEqual(truth.slice(0, partial.items.length))
    const whole = await searchItems(db, 'beta gamma', {
      limit: 20,
      tuning: { ...tuning, maxExamined: 1_000 },
    })
    expect(whole.isComplete).toBe(true)
    expect(ids(whole.items)).toEqual(truth)
  })

  it('counts the postings of each term in the list of terms', async () => {
    await storeTexts(['alpha beta', 'alpha', 'alpha gamma'], 1)
    const counts = Object.fromEntries((await db.searchWords.toArray()).map((row) => [row.term, row.count]))
    expect(counts).toMatchObject({ alpha: 3, beta: 1, gamma: 1, note: 3 })
    expect(
      await db.searchPostings.where('[term+at+itemId]').between(['alpha'], ['alpha\uffff']).count(),
    ).toBe(3)
  })

  it('indexes an ingest batch larger than one indexing step that shares one arrival time', async () => {
    await ingestHeld(
      db,
      Array.from({ length: 1_200 }, (_, n) => sourceItem(n, { text: n === 1_100 ? 'needle' : 'hay' })),
      t0,
    )
    await indexAll(db)
    expect(await db.searchPostings.where('itemId').equals('acct-1:m1100').count()).toBeGreaterThan(0)
    expect(ids((await searchItems(db, 'needle')).items)).toEqual(['acct-1:m1100'])
  })
})

describe('upgrading the search index to version 7', () => {
  it('drops the rows ordered by item id and indexes every stored item again', async () => {
    const name = `lull-search-v6-${Date.now()}`
    const v6 = new Dexie(name)
    v6.version(6).stores(schemaV6)
    await v6
      .table('items')
      .bulkPut([
        storedItem(1, { status: 'delivered', receivedAt: t0, text: 'rollback now' }),
        storedItem(2, { status: 'held', receivedAt: t0 + 5, text: 'rollback later' }),
      ])
    await v6.table('searchTerms').bulkPut([{ term: 'rollback', itemId: 'acct-1:m1' }])
    await v6.table('meta').put({ key: searchWatermarkKey, value: t0 + 5 })
    v6.close()

    const upgraded = new LullDb(name)
    try {
      await upgraded.open()
      expect(upgraded.tables.map((table) => table.name)).not.toContain('searchTerms')
      expect(await upgraded.meta.get(searchWatermarkKey)).toBeUndefined()
      await indexAll(upgraded)
      expect(ids((await searchItems(upgraded, 'rollback')).items)).toEqual(['acct-1:m2', 'acct-1:m1'])
    } finally {
      upgraded.close()
    }
  })
})
