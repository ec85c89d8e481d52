import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ingestBatch } from '../../../../src/renderer/db/ingest'
import type { LullDb } from '../../../../src/renderer/db/schema'
import { indexAll, indexNewItems, searchItems } from '../../../../src/renderer/db/search'
import { itemTerms, words } from '../../../../src/shared/search-terms'
import { ingestHeld, openFreshDb, sourceItem } from './fixtures'

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
    expect((await searchItems(db, 'deploy')).map((item) => item.id)).toEqual([
      'acct-1:m3',
      'acct-1:m2',
      'acct-1:m1',
    ])
    // Item 3 is Dana's too (the fixture's author).
    expect((await searchItems(db, 'dana deplo')).map((item) => item.id)).toEqual(['acct-1:m3', 'acct-1:m1'])
    expect((await searchItems(db, 'lee lunch')).map((item) => item.id)).toEqual(['acct-1:m2'])
    expect(await searchItems(db, 'nothing-like-this')).toEqual([])
    expect(await searchItems(db, '  ')).toEqual([])
  })

  it('indexes only what arrived since the last run', async () => {
    await ingestHeld(db, [sourceItem(1), sourceItem(2)], t0)
    expect(await indexNewItems(db)).toBe(2)
    expect(await indexNewItems(db)).toBe(0)
    await ingestHeld(db, [sourceItem(3)], t0 + 5, 'c2')
    expect(await indexNewItems(db)).toBe(1)
  })

  it('does not report an item whose words changed since it was indexed', async () => {
    await ingestHeld(db, [sourceItem(1, { text: 'pineapple pizza' })], t0)
    await indexAll(db)
    await ingestBatch(db, {
      accountId: 'acct-1',
      stream: 'C01',
      items: [sourceItem(1, { text: 'edited away' })],
      cursor: 'c2',
      now: t0 + 5,
      classify: () => null,
    })
    expect(await searchItems(db, 'pineapple')).toEqual([])
  })

  it('walks a backlog bigger than one step without skipping items that share an arrival time', async () => {
    const many = Array.from({ length: 1_500 }, (_, index) =>
      sourceItem(index, { text: index === 1_499 ? 'needle' : 'hay' }),
    )
    for (let start = 0; start < many.length; start += 500) {
      await ingestHeld(db, many.slice(start, start + 500), t0 + start, `c${start}`)
    }
    await indexAll(db)
    expect((await searchItems(db, 'needle')).map((item) => item.id)).toEqual(['acct-1:m1499'])
    expect(await searchItems(db, 'hay', 2_000)).toHaveLength(1_499)
  })
})
