import { describe, expect, it } from 'vitest'
import {
  digestGroups,
  nextFocus,
  openItems,
  rowsOf,
  settleDone,
  stillSettling,
  toRows,
  viaLine,
} from '../../../../src/renderer/ui/list/rows'
import type { InboxItem } from '../../../../src/shared/model'
import { assembleDigest } from '../../../../src/shared/policy'
import { storedItem } from '../db/fixtures'

const flatGroupsOf = (items: InboxItem[]) => [{ id: 'all', header: null, rows: toRows(items, true) }]

const item = (n: number, extra: Partial<InboxItem> = {}) =>
  storedItem(n, { status: 'delivered', receivedAt: 1_700_000_100_000 + n, ...extra })

describe('triage rows', () => {
  it('collapse a conversation to one row, placed at its first item, showing its latest message', () => {
    const items = [
      item(5, { threadKey: 'a', sentAt: 50 }),
      item(4, { threadKey: 'b', sentAt: 40 }),
      item(3, { threadKey: 'a', sentAt: 30 }),
      item(2, { threadKey: 'a', sentAt: 60 }),
    ]
    const rows = toRows(items, true)
    expect(rows.map((row) => row.items.map((each) => each.id))).toEqual([
      ['acct-1:m3', 'acct-1:m5', 'acct-1:m2'],
      ['acct-1:m4'],
    ])
    expect(rows[0]?.lead.id).toBe('acct-1:m2')
    // The same thread key in another account is another conversation.
    expect(
      toRows([item(1, { threadKey: 'a' }), item(2, { threadKey: 'a', accountId: 'acct-2' })], true),
    ).toHaveLength(2)
  })

  it('keep one row per item when not collapsed (search results)', () => {
    const items = [item(1, { threadKey: 'a' }), item(2, { threadKey: 'a' })]
    expect(toRows(items, false).map((row) => row.id)).toEqual(['acct-1:m1', 'acct-1:m2'])
  })

  it('group a digest under one header per source and place, a row per conversation', () => {
    const items = [
      item(1, { container: '#general', threadKey: 'g1' }),
      item(2, { container: '#general', threadKey: 'g1' }),
      item(3, { container: '#random', threadKey: 'r1' }),
      item(4, {
        source: 'github',
        container: 'acme/api',
        threadKey: 'pr',
        github: { reason: 'mention', subjectType: 'PullRequest' },
      }),
    ]
    const groups = digestGroups(assembleDigest(items))
    expect(groups.map((group) => group.header)).toEqual([
      { source: 'slack', container: '#general' },
      { source: 'slack', container: '#random' },
      { source: 'github', container: 'acme/api' },
    ])
    expect(groups.map((group) => group.rows.map((row) => row.items.length))).toEqual([[2], [1], [1]])
  })

  it('act on the items of a row that are not done yet', () => {
    const [row] = toRows([item(1, { threadKey: 'a', status: 'done' }), item(2, { threadKey: 'a' })], true)
    expect(openItems(row ? [row] : []).map((each) => each.id)).toEqual(['acct-1:m2'])
  })

  it('move the focus after an action to the next row not acted on, else the one before', () => {
    const order = ['a', 'b', 'c', 'd']
    expect(nextFocus(order, 'b', new Set(['b']))).toBe('c')
    expect(nextFocus(order, 'b', new Set(['a', 'b', 'c']))).toBe('d')
    expect(nextFocus(order, 'd', new Set(['c', 'd']))).toBe('b')
    // The focused row was not acted on (rows picked elsewhere): the focus stays.
    expect(nextFocus(order, 'a', new Set(['c']))).toBe('a')
    expect(nextFocus(order, 'b', new Set(order))).toBe('b')
    expect(nextFocus(order, null, new Set())).toBe('a')
  })
})

describe('digest rows', () => {
  it('keeps one thread key said in two places as two rows with keys of their own', () => {
    const items = [
      item(1, { container: '#general', threadKey: 'same' }),
      item(2, { container: '#design', threadKey: 'same' }),
    ]
    const ids = rowsOf(digestGroups(assembleDigest(items))).map((row) => row.id)
    expect(ids).toHaveLength(2)
    expect(new Set(ids).size).toBe(2)
  })

  it('draw rows just marked done as done (or drop them) until the store answers, then take its word', () => {
    const groups = flatGroupsOf([
      item(1, { threadKey: 'a' }),
      item(2, { threadKey: 'b' }),
      item(3, { threadKey: 'c' }),
    ])
    const [first, second] = rowsOf(groups)
    if (!first || !second) throw new Error('two rows expected')
    const settling = new Map([[second.id, second.lead]])
    // A list that drops done rows (the Inbox) drops it at once; one that keeps them (the Digest) shows it done.
    expect(rowsOf(settleDone(groups, settling, false)).map((row) => row.id)).toEqual([
      first.id,
      rowsOf(groups)[2]?.id,
    ])
    const kept = rowsOf(settleDone(groups, settling, true))
    expect(kept.map((row) => row.items.map((each) => each.status))).toEqual([
      ['delivered'],
      ['done'],
      ['delivered'],
    ])
    // The store has not answered: nothing changes.
    expect(stillSettling(groups, settling)).toBe(settling)
    // It answered with the item redrawn (a new object), or without the row: the store's word stands.
    const redrawn = flatGroupsOf([item(1, { threadKey: 'a' }), item(2, { threadKey: 'b', status: 'done' })])
    expect(stillSettling(redrawn, settling).size).toBe(0)
    expect(stillSettling(flatGroupsOf([item(1, { threadKey: 'a' })]), settling).size).toBe(0)
    expect(rowsOf(settleDone(redrawn, new Map(), false))).toHaveLength(2)
  })

  it('make one row of a conversation that came through several sources, and say through which', () => {
    const pr = 'github:github.com/acme/api#123'
    const items = [
      item(1, {
        accountId: 'gh',
        id: 'gh:1',
        source: 'github',
        container: 'acme/api',
        conversationKey: pr,
        sentAt: 10,
      }),
      item(2, { threadKey: 'x', container: '#eng-backend', sentAt: 30 }),
      item(3, {
        accountId: 'mail',
        id: 'mail:3',
        source: 'email',
        container: 'Inbox',
        conversationKey: pr,
        sentAt: 20,
      }),
      item(4, { threadKey: 's', container: '#eng-backend', conversationKey: pr, sentAt: 40 }),
    ]
    const rows = toRows(items, true)
    expect(rows.map((row) => row.items.map((each) => each.id))).toEqual([
      ['gh:1', 'mail:3', 'acct-1:m4'],
      ['acct-1:m2'],
    ])
    expect(rows[0]?.lead.id).toBe('acct-1:m4')
    expect(rows[0] ? viaLine(rows[0].items) : null).toBe('via GitHub, email, #eng-backend')
    // One place only: nothing to say.
    expect(rows[1] ? viaLine(rows[1].items) : null).toBeNull()
  })
})
