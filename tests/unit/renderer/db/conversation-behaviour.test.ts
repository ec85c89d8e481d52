// One conversation across sources, as the store and the policy treat it:
// it breaks through once, an urgent member makes it urgent, done on one
// member is done on every member with a write to each source (undo brings
// every one back), and "not the same" keeps a thread apart, for good.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  readSplits,
  splitConversation,
  unsplitConversation,
} from '../../../../src/renderer/db/conversation-splits'
import { ingestBatch } from '../../../../src/renderer/db/ingest'
import { markAllDoneWithWriteBack, undoAllDone } from '../../../../src/renderer/db/outbox'
import { listConversation } from '../../../../src/renderer/db/repositories'
import type { LullDb } from '../../../../src/renderer/db/schema'
import type { SourceItem } from '../../../../src/shared/model'
import { planBreakthroughs } from '../../../../src/shared/policy/breakthrough'
import { openFreshDb, sourceItem } from './fixtures'

const t0 = 1_700_000_000_000
const pr = 'github:github.com/acme/api#123'

// The same pull request three ways, as the sources store it.
const notification = sourceItem(1, {
  id: 'gh:9001',
  accountId: 'gh',
  source: 'github',
  stream: 'notifications',
  externalId: '9001',
  threadKey: '9001',
  container: 'acme/api',
  title: 'Fix the retry loop',
  url: 'https://github.com/acme/api/pull/123',
  github: { reason: 'review_requested', subjectType: 'PullRequest' },
  facts: { subjectUrl: 'https://api.github.com/repos/acme/api/pulls/123' },
})
const mail = sourceItem(2, {
  id: 'mail:acme/api/pull/123/c1@github.com',
  accountId: 'mail',
  source: 'email',
  stream: 'INBOX',
  externalId: 'INBOX:7',
  threadKey: 'acme/api/pull/123@github.com',
  container: 'INBOX',
  title: 'Re: [acme/api] Fix the retry loop (PR #123)',
  email: { from: 'notifications@github.com' },
  facts: {
    messageId: 'acme/api/pull/123/c1@github.com',
    inReplyTo: 'acme/api/pull/123@github.com',
    listId: 'api.acme.github.com',
  },
})
const post = sourceItem(3, {
  threadKey: 'C01:1700000000.000300',
  text: 'Can someone look at https://github.com/acme/api/pull/123 today?',
  facts: { links: ['https://github.com/acme/api/pull/123'] },
})

let db: LullDb
beforeEach(() => {
  db = openFreshDb()
})
afterEach(() => db.close())

function ingest(
  items: SourceItem[],
  now: number,
  classify: (item: SourceItem) => string | null = () => null,
) {
  const byAccount = new Map<string, SourceItem[]>()
  for (const item of items) byAccount.set(item.accountId, [...(byAccount.get(item.accountId) ?? []), item])
  return Promise.all(
    [...byAccount].map(([accountId, batch]) =>
      ingestBatch(db, { accountId, stream: 's', items: batch, cursor: `c${now}`, now, classify }),
    ),
  )
}

const kindOf = (accountId: string) =>
  accountId === 'gh' ? 'github' : accountId === 'mail' ? 'email' : 'slack'

describe('keys at ingest', () => {
  it('gives the notification, its mail and the Slack post linking it one key', async () => {
    await ingest([notification, mail, post], t0)
    const rows = await db.items.toArray()
    expect(rows.map((row) => row.conversationKey)).toEqual([pr, pr, pr])
    expect((await listConversation(db, rows[2]!)).map((row) => row.id)).toEqual([
      notification.id,
      mail.id,
      post.id,
    ])
  })
})

describe('an urgent member makes the conversation urgent', () => {
  it('brings the mail through at once after its notification broke through, saying why', async () => {
    const classify = (item: SourceItem) => (item.source === 'github' ? 'rule-reviews' : null)
    await ingest([notification], t0, classify)
    await ingest([mail, post], t0 + 60_000, classify)
    const [byMail, byPost] = await db.items.bulkGet([mail.id, post.id])
    expect(byMail).toMatchObject({
      status: 'delivered',
      urgentRuleId: 'rule-reviews',
      isUrgentByConversation: true,
    })
    expect(byPost).toMatchObject({ status: 'delivered', isUrgentByConversation: true })
    // Each still has a notice to plan; the cooldown by conversation keeps them quiet (below).
    expect(await db.notices.count()).toBe(3)
  })

  it('lets through the members already held when an urgent one arrives, without a notice of their own', async () => {
    const classify = (item: SourceItem) => (item.source === 'github' ? 'rule-reviews' : null)
    await ingest([mail, post], t0, classify)
    expect((await db.items.bulkGet([mail.id, post.id])).map((row) => row?.status)).toEqual(['held', 'held'])
    await ingest([notification], t0 + 60_000, classify)
    const rows = await db.items.bulkGet([mail.id, post.id])
    expect(rows.map((row) => row?.status)).toEqual(['delivered', 'delivered'])
    expect(rows.every((row) => row?.isUrgentByConversation && row.deliveredAt === t0 + 60_000)).toBe(true)
    expect((await db.notices.toArray()).map((notice) => notice.id)).toEqual([
      `breakthrough:${notification.id}`,
    ])
  })

  it('holds new members again once the urgent one is done', async () => {
    const classify = (item: SourceItem) => (item.source === 'github' ? 'rule-reviews' : null)
    await ingest([notification], t0, classify)
    await markAllDoneWithWriteBack(db, [notification.id], kindOf, t0 + 1)
    await ingest([mail], t0 + 60_000, classify)
    expect((await db.items.get(mail.id))?.status).toBe('held')
  })

  it('leaves other conversations held', async () => {
    const classify = (item: SourceItem) => (item.source === 'github' ? 'rule-reviews' : null)
    await ingest([notification], t0, classify)
    await ingest([sourceItem(9)], t0 + 1, classify)
    expect((await db.items.get('acct-1:m9'))?.status).toBe('held')
  })
})

describe('breaks through once', () => {
  const candidate = (id: string, source: string, container: string, sentAt: number) => ({
    id,
    threadKey: `thread-${id}`,
    conversationKey: pr,
    sentAt,
    source,
    container,
  })

  it('makes one sound for a conversation arriving through three places at once', () => {
    const plan = planBreakthroughs(
      [
        candidate('gh', 'github', 'acme/api', t0),
        candidate('mail', 'email', 'INBOX', t0 + 1),
        candidate('post', 'slack', '#eng', t0 + 2),
      ],
      {},
      t0 + 10,
      5 * 60_000,
    )
    expect(plan.groups.map((group) => group.map((item) => item.id))).toEqual([['gh']])
    expect(plan.lastNotifiedAt).toEqual({ [pr]: t0 + 10 })
  })

  it('stays quiet for a member arriving through another source within the cooldown, and sounds after it', () => {
    const first = planBreakthroughs([candidate('gh', 'github', 'acme/api', t0)], {}, t0, 5 * 60_000)
    const during = planBreakthroughs(
      [candidate('mail', 'email', 'INBOX', t0 + 60_000)],
      first.lastNotifiedAt,
      t0 + 60_000,
      5 * 60_000,
    )
    expect(during.groups).toEqual([])
    const after = planBreakthroughs(
      [candidate('post', 'slack', '#eng', t0 + 6 * 60_000)],
      during.lastNotifiedAt,
      t0 + 6 * 60_000,
      5 * 60_000,
    )
    expect(after.groups).toHaveLength(1)
  })
})

describe('done everywhere', () => {
  it('marks every delivered member done with one write each to its own source, and undo brings every one back', async () => {
    await ingest([notification, mail, post], t0)
    await db.items.toCollection().modify({ status: 'delivered', deliveredAt: t0 + 1 })

    const marked = await markAllDoneWithWriteBack(db, [post.id], kindOf, t0 + 2)
    expect(marked.sort()).toEqual([notification.id, mail.id, post.id].sort())
    const writes = await db.outbox.toArray()
    expect(writes.map((write) => `${write.kind}:${write.externalId}`).sort()).toEqual([
      'email:INBOX:7',
      'github:9001',
      `slack:${post.externalId}`,
    ])

    const undone = await undoAllDone(db, marked)
    expect(undone.cancelled.sort()).toEqual(marked.sort())
    expect((await db.items.toArray()).map((row) => row.status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ])
    expect(await db.outbox.count()).toBe(0)
  })

  it('leaves a held member for its check-in: the person has not seen it', async () => {
    await ingest([notification, mail], t0)
    await db.items.update(notification.id, { status: 'delivered', deliveredAt: t0 + 1 })
    const marked = await markAllDoneWithWriteBack(db, [notification.id], kindOf, t0 + 2)
    expect(marked).toEqual([notification.id])
    expect((await db.items.get(mail.id))?.status).toBe('held')
  })

  it('brings a done conversation back when a new message comes, as one held item', async () => {
    await ingest([notification, mail], t0)
    await db.items.toCollection().modify({ status: 'delivered', deliveredAt: t0 + 1 })
    await markAllDoneWithWriteBack(db, [mail.id], kindOf, t0 + 2)
    await ingest([post], t0 + 3)
    const rows = await db.items.toArray()
    expect(rows.filter((row) => row.status !== 'done').map((row) => row.id)).toEqual([post.id])
    expect((await db.items.get(post.id))?.conversationKey).toBe(pr)
  })
})

describe('not the same', () => {
  it('splits a thread out now and for its later messages, and undo merges it back', async () => {
    await ingest([notification, mail, post], t0)
    const split = await splitConversation(db, post.id)
    expect(split).toEqual({ accountId: 'acct-1', threadKey: post.threadKey, conversationKey: pr })
    expect((await db.items.get(post.id))?.conversationKey).toBeUndefined()
    expect((await db.items.get(mail.id))?.conversationKey).toBe(pr)

    // A reply in the same Slack thread linking the pull request again stays apart.
    const reply = sourceItem(4, {
      threadKey: post.threadKey,
      facts: { links: ['https://github.com/acme/api/pull/123'] },
    })
    await ingest([reply], t0 + 1)
    expect((await db.items.get(reply.id))?.conversationKey).toBeUndefined()
    // So does the post itself when Slack sends it again edited.
    await ingest([{ ...post, text: `${post.text} (edited)` }], t0 + 2)
    expect((await db.items.get(post.id))?.conversationKey).toBeUndefined()

    await unsplitConversation(db, split!)
    expect(await readSplits(db)).toEqual([])
    expect((await db.items.bulkGet([post.id, reply.id])).map((row) => row?.conversationKey)).toEqual([pr, pr])
  })

  it('answers null for an item with no conversation to leave', async () => {
    expect(await splitConversation(db, 'no-such-item')).toBeNull()
  })

  it('ignores a corrupt split record instead of failing ingest', async () => {
    await db.meta.put({ key: 'conversationSplits', value: [{ accountId: 3 }, 'junk'] })
    await ingest([notification, post], t0)
    expect((await db.items.get(post.id))?.conversationKey).toBe(pr)
  })
})
