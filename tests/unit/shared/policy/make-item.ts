// Builds valid items for policy tests: only what a test is about needs saying.
import type { InboxItem, SourceItem } from '../../../../src/shared/model'

let counter = 0

export function makeItem(overrides: Partial<SourceItem> = {}): SourceItem {
  counter += 1
  const externalId = overrides.externalId ?? `m${counter}`
  return {
    id: `acct:${externalId}`,
    accountId: 'acct',
    source: 'slack',
    stream: 'C001',
    externalId,
    threadKey: `thread-${externalId}`,
    container: '#general',
    author: { id: 'U01', name: 'Dana' },
    title: 'Dana in #general',
    text: 'hello',
    sentAt: 1_700_000_000_000 + counter,
    needsReply: false,
    ...overrides,
  }
}

export function makeInboxItem(overrides: Partial<InboxItem> = {}): InboxItem {
  return { ...makeItem(overrides), status: 'held', receivedAt: 1_700_000_000_000, ...overrides }
}
