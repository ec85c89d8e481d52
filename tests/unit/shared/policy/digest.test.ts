import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  assembleDigest,
  checkInLine,
  countBySource,
  describeCheckIn,
  firstItems,
  groupInOrder,
  readingOrder,
  replyState,
} from '../../../../src/shared/policy/digest'
import { makeInboxItem } from './make-item'

const t = (minutes: number) => 1_700_000_000_000 + minutes * 60_000

describe('assembleDigest', () => {
  it('puts sources in the order Slack, GitHub, email and leaves out empty ones', () => {
    const sections = assembleDigest([
      makeInboxItem({ source: 'email', container: 'Inbox' }),
      makeInboxItem({ source: 'slack' }),
    ])
    expect(sections.map((section) => section.source)).toEqual(['slack', 'email'])
  })

  it('groups by container and then by thread', () => {
    const a1 = makeInboxItem({ container: '#a', threadKey: 'ta', sentAt: t(1) })
    const b1 = makeInboxItem({ container: '#b', threadKey: 'tb', sentAt: t(2) })
    const a2 = makeInboxItem({ container: '#a', threadKey: 'ta', sentAt: t(3) })
    const [slack] = assembleDigest([a2, b1, a1])
    expect(slack?.groups).toEqual([
      { container: '#a', threads: [{ threadKey: 'ta', items: [a1, a2] }] },
      { container: '#b', threads: [{ threadKey: 'tb', items: [b1] }] },
    ])
  })

  it('puts reply-needed items first, oldest first, within a thread', () => {
    const old = makeInboxItem({ threadKey: 't', sentAt: t(1) })
    const asks = makeInboxItem({ threadKey: 't', sentAt: t(5), needsReply: true })
    const asksEarlier = makeInboxItem({ threadKey: 't', sentAt: t(3), needsReply: true })
    const [slack] = assembleDigest([old, asks, asksEarlier])
    expect(slack?.groups[0]?.threads[0]?.items).toEqual([asksEarlier, asks, old])
  })

  it('orders groups and threads by their first item, so waiting questions lead', () => {
    const chatter = makeInboxItem({ container: '#general', threadKey: 'g', sentAt: t(1) })
    const question = makeInboxItem({ container: '#eng', threadKey: 'e', sentAt: t(9), needsReply: true })
    const olderQuestion = makeInboxItem({
      container: '#eng',
      threadKey: 'e2',
      sentAt: t(4),
      needsReply: true,
    })
    const [slack] = assembleDigest([chatter, question, olderQuestion])
    expect(slack?.groups.map((group) => group.container)).toEqual(['#eng', '#general'])
    expect(slack?.groups[0]?.threads.map((thread) => thread.threadKey)).toEqual(['e2', 'e'])
  })

  it('keeps every item exactly once', () => {
    const items = Array.from({ length: 30 }, (_, n) =>
      makeInboxItem({
        source: (['slack', 'github', 'email'] as const)[n % 3],
        container: `c${n % 4}`,
        threadKey: `t${n % 5}`,
        needsReply: n % 2 === 0,
        sentAt: t(30 - n),
      }),
    )
    const ids = assembleDigest(items).flatMap((s) =>
      s.groups.flatMap((g) => g.threads.flatMap((th) => th.items)),
    )
    expect(ids.map((item) => item.id).sort()).toEqual(items.map((item) => item.id).sort())
  })
})

describe('check-in summary', () => {
  it('counts items by source', () => {
    const items = [
      makeInboxItem({ source: 'slack' }),
      makeInboxItem({ source: 'slack' }),
      makeInboxItem({ source: 'email' }),
    ]
    expect(countBySource(items)).toEqual({ slack: 2, github: 0, email: 1 })
  })

  it('titles the total and lists each source in the body', () => {
    expect(describeCheckIn({ slack: 12, github: 8, email: 3 })).toEqual({
      title: 'Check-in: 23 new',
      body: 'Slack 12 · GitHub 8 · Email 3',
    })
  })

  it('leaves out sources with nothing new', () => {
    expect(describeCheckIn({ slack: 0, github: 4, email: 0 }).body).toBe('GitHub 4')
  })

  it('reads as one line for a notification', () => {
    expect(checkInLine({ slack: 12, github: 8, email: 3 })).toBe(
      'Check-in: 23 new — Slack 12 · GitHub 8 · Email 3',
    )
  })

  it('says nothing is new rather than "0 new"', () => {
    expect(checkInLine({ slack: 0, github: 0, email: 0 })).toBe('Check-in: nothing new')
  })
})

describe('replies against the reply window', () => {
  const hour = 60 * 60_000
  const now = 1_700_100_000_000
  const waitingFor = (
    hoursAgo: number,
    extra: Partial<{ needsReply: boolean; status: 'held' | 'done' }> = {},
  ) => ({
    needsReply: extra.needsReply ?? true,
    status: extra.status ?? ('delivered' as const),
    sentAt: now - hoursAgo * hour,
  })

  it('are waiting early in the window, due soon in its last quarter, overdue past it', () => {
    expect(replyState(waitingFor(1), now, 24)).toBe('waiting')
    expect(replyState(waitingFor(17.9), now, 24)).toBe('waiting')
    expect(replyState(waitingFor(18), now, 24)).toBe('due-soon')
    expect(replyState(waitingFor(24), now, 24)).toBe('overdue')
  })

  it('follow the window the person set', () => {
    expect(replyState(waitingFor(5), now, 4)).toBe('overdue')
    expect(replyState(waitingFor(5), now, 48)).toBe('waiting')
  })

  it('say nothing for an item nobody waits on, or one that is done', () => {
    expect(replyState(waitingFor(30, { needsReply: false }), now, 24)).toBeNull()
    expect(replyState(waitingFor(30, { status: 'done' }), now, 24)).toBeNull()
  })
})

describe('a digest read a page at a time', () => {
  const anyItems = fc.array(
    fc.record({
      source: fc.constantFrom('slack' as const, 'github' as const, 'email' as const),
      container: fc.constantFrom('#a', '#b', 'acme/api', 'Inbox'),
      threadKey: fc.constantFrom('t1', 't2', 't3'),
      sentAt: fc.integer({ min: 0, max: 50 }),
      needsReply: fc.boolean(),
      // Some items came through another source as part of one conversation.
      conversationKey: fc.option(
        fc.constantFrom('github:github.com/acme/api#1', 'github:github.com/acme/api#2'),
        {
          nil: undefined,
        },
      ),
    }),
    { maxLength: 60 },
  )
  const itemsOf = (drawn: { source: 'slack' | 'github' | 'email'; sentAt: number }[]) =>
    drawn.map((fields, index) => makeInboxItem({ ...fields, id: `i${index}`, sentAt: t(fields.sentAt) }))

  it('stores the reading order assembleDigest shows, and counts its conversations', () => {
    fc.assert(
      fc.property(anyItems, (drawn) => {
        const items = itemsOf(drawn)
        const sections = assembleDigest(items)
        const threads = sections.flatMap((section) => section.groups.flatMap((group) => group.threads))
        const order = readingOrder(items)
        expect(order.itemIds).toEqual(threads.flatMap((thread) => thread.items.map((item) => item.id)))
        expect(order.conversations).toBe(threads.length)
      }),
    )
  })

  it('shows any first part of that order as the first part of the whole digest', () => {
    fc.assert(
      fc.property(anyItems, fc.nat({ max: 70 }), (drawn, shown) => {
        const items = itemsOf(drawn)
        const byId = new Map(items.map((item) => [item.id, item]))
        const ordered = readingOrder(items).itemIds.map((id) => byId.get(id) as (typeof items)[number])
        expect(groupInOrder(ordered.slice(0, shown))).toEqual(firstItems(assembleDigest(items), shown))
      }),
    )
  })
})

describe('one conversation through several sources', () => {
  it('is one thread, where its first item was said, with every item in reading order', () => {
    const pr = 'github:github.com/acme/api#123'
    const notification = makeInboxItem({
      id: 'n',
      source: 'github',
      container: 'acme/api',
      conversationKey: pr,
      sentAt: t(1),
    })
    const mail = makeInboxItem({
      id: 'm',
      source: 'email',
      container: 'Inbox',
      conversationKey: pr,
      sentAt: t(2),
    })
    const post = makeInboxItem({
      id: 'p',
      source: 'slack',
      container: '#eng',
      conversationKey: pr,
      sentAt: t(3),
    })
    const chat = makeInboxItem({
      id: 'c',
      source: 'slack',
      container: '#eng',
      threadKey: 'other',
      sentAt: t(4),
    })
    const sections = assembleDigest([chat, post, mail, notification])
    expect(sections.map((section) => section.source)).toEqual(['slack', 'github'])
    const github = sections.find((section) => section.source === 'github')
    expect(github?.groups).toEqual([
      {
        container: 'acme/api',
        threads: [{ threadKey: notification.threadKey, items: [notification, mail, post] }],
      },
    ])
    expect(readingOrder([chat, post, mail, notification])).toEqual({
      itemIds: ['c', 'n', 'm', 'p'],
      conversations: 2,
    })
  })
})

describe('a check-in said in counts', () => {
  it('counts conversations when some updates were one conversation, and items otherwise', () => {
    const counts = { slack: 12, github: 10, email: 9 }
    expect(describeCheckIn(counts, 12)).toEqual({
      title: 'Check-in: 12 conversations (31 updates)',
      body: 'Slack 12 · GitHub 10 · Email 9',
    })
    expect(describeCheckIn(counts, 31).title).toBe('Check-in: 31 new')
    expect(describeCheckIn(counts).title).toBe('Check-in: 31 new')
    expect(checkInLine({ slack: 0, github: 2, email: 1 }, 1)).toBe(
      'Check-in: 1 conversation (3 updates) — GitHub 2 · Email 1',
    )
  })
})
