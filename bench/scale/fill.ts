// Runs in Chromium on the app's own origin, before the app opens: fills
// Lull's real database ('lull', through LullDb) with a large inbox, and
// turns the sample workspace off so nothing arrives while the bench idles.
// The search index is marked as caught up (its watermark at now) without
// its rows: this bench never searches, and a store the app has run on is
// indexed already, so the idle figures leave out indexing a backlog.
import { LullDb, searchWatermarkKey } from '../../src/renderer/db/schema'
import type { InboxItem } from '../../src/shared/model'
import { benchStreams } from '../ingest/items'

export type FillPlan = { held: number; delivered: number; now: number }

const dayMs = 24 * 60 * 60_000

/** Held items arrived over the last day; delivered ones over the last 30, one in 500 urgent. */
function rows({ held, delivered, now }: FillPlan): InboxItem[] {
  const items = benchStreams(held + delivered).flatMap((stream) => stream.items)
  return items.map((item, index): InboxItem => {
    if (index < held) return { ...item, status: 'held', receivedAt: now - Math.floor((index / held) * dayMs) }
    const receivedAt = now - Math.floor(((index - held) / delivered) * 30 * dayMs)
    const row: InboxItem = { ...item, status: 'delivered', receivedAt, deliveredAt: receivedAt }
    if (index % 500 === 0) row.urgentRuleId = 'rule-incidents'
    else row.digestId = `digest-${Math.floor(receivedAt / (4 * 60 * 60_000))}`
    return row
  })
}

async function fillLull(plan: FillPlan): Promise<number> {
  const db = new LullDb()
  await db.transaction('rw', db.items, db.accounts, db.cursors, db.meta, async () => {
    await Promise.all([db.items.clear(), db.accounts.clear(), db.cursors.clear()])
    await db.meta.put({ key: 'sampleDismissed', value: true })
    await db.meta.put({ key: 'lastCheckInAt', value: plan.now })
    await db.meta.put({ key: searchWatermarkKey, value: plan.now })
  })
  const all = rows(plan)
  for (let start = 0; start < all.length; start += 5_000)
    await db.items.bulkPut(all.slice(start, start + 5_000))
  const count = await db.items.count()
  db.close()
  return count
}

Object.assign(globalThis, { fillLull })
