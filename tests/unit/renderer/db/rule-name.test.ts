// A breakthrough keeps the name its rule had when it fired, through an
// edit of the message and a parse of the stored row; rows stored before
// names were kept still read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ingestBatch } from '../../../../src/renderer/db/ingest'
import { getItem } from '../../../../src/renderer/db/repositories'
import type { LullDb } from '../../../../src/renderer/db/schema'
import { InboxItem } from '../../../../src/shared/model'
import { openFreshDb, sourceItem } from './fixtures'

const t0 = 1_700_000_100_000
let db: LullDb

beforeEach(() => {
  db = openFreshDb()
})
afterEach(() => db.close())

describe("a breakthrough's rule name", () => {
  const rule = { id: 'rule-incidents', name: 'Slack channel #incidents' }
  const urgent = (n: number, text?: string) =>
    sourceItem(n, { container: '#incidents', ...(text ? { text } : {}) })

  it('is stored with the item when it breaks through, and kept through an edit', async () => {
    const batch = { accountId: 'acct-1', stream: 'C01', cursor: 'c1', classify: () => rule }
    await ingestBatch(db, { ...batch, items: [urgent(1)], now: t0 })
    expect(await getItem(db, 'acct-1:m1')).toMatchObject({
      urgentRuleId: 'rule-incidents',
      urgentRuleName: 'Slack channel #incidents',
    })
    // Edited at the source later, when the rule may be gone: the name stays.
    await ingestBatch(db, {
      ...batch,
      items: [urgent(1, 'edited')],
      cursor: 'c2',
      now: t0 + 1,
      classify: () => null,
    })
    expect(await getItem(db, 'acct-1:m1')).toMatchObject({
      text: 'edited',
      urgentRuleName: 'Slack channel #incidents',
    })
  })

  it('is absent from a row stored before names were kept, which still parses', () => {
    const { urgentRuleName: _name, ...old } = {
      ...urgent(2),
      status: 'delivered' as const,
      receivedAt: t0,
      urgentRuleId: 'rule-incidents',
      urgentRuleName: 'x',
    }
    expect(InboxItem.safeParse(old).success).toBe(true)
  })
})
