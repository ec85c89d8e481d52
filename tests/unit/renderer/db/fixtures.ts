// Items and databases for the storage tests: each test gets its own database.

import { ingestBatch } from '../../../../src/renderer/db/ingest'
import { LullDb } from '../../../../src/renderer/db/schema'
import type { InboxItem, SourceItem } from '../../../../src/shared/model'

let databases = 0

export function openFreshDb(): LullDb {
  databases += 1
  return new LullDb(`lull-test-${databases}`)
}

export function sourceItem(n: number, overrides: Partial<SourceItem> = {}): SourceItem {
  return {
    id: `acct-1:m${n}`,
    accountId: 'acct-1',
    source: 'slack',
    stream: 'C01',
    externalId: `m${n}`,
    threadKey: `C01:t${n}`,
    container: '#general',
    author: { id: 'U1', name: 'Dana Whitfield' },
    title: `Message ${n}`,
    text: `Text of message ${n}`,
    url: `https://acme.slack.com/archives/C01/p${n}`,
    sentAt: 1_700_000_000_000 + n,
    needsReply: false,
    ...overrides,
  }
}

export const neverUrgent = () => null

/** Ingest items as held, the way a plain pull does. */
export function ingestHeld(db: LullDb, items: SourceItem[], now: number, cursor: string | null = 'c1') {
  return ingestBatch(db, { accountId: 'acct-1', stream: 'C01', items, cursor, now, classify: neverUrgent })
}

/** A stored item row as ingest would leave it, with the state given. */
export function storedItem(
  n: number,
  state: Pick<InboxItem, 'status' | 'receivedAt'> & Partial<InboxItem>,
): InboxItem {
  return { ...sourceItem(n), ...state }
}

/** Writes a row into the items table as it is, the way an old version or a hand edit could. */
export async function putRawItem(db: LullDb, row: Record<string, unknown>): Promise<void> {
  await db.table<unknown, string>('items').put(row)
}
