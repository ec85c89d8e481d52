// The content of an item (what the source says) as opposed to its state
// (what Lull and the user did with it), and how to tell whether it changed.
import type { InboxItem, ItemFacts, SourceItem } from '../../shared/model'

/** The source's fields only, copied so nothing else a caller attached is stored. */
export function contentOf(item: SourceItem): SourceItem {
  const content: SourceItem = {
    id: item.id,
    accountId: item.accountId,
    source: item.source,
    stream: item.stream,
    externalId: item.externalId,
    threadKey: item.threadKey,
    container: item.container,
    author: { id: item.author.id, name: item.author.name },
    title: item.title,
    text: item.text,
    sentAt: item.sentAt,
    needsReply: item.needsReply,
  }
  if (item.url !== undefined) content.url = item.url
  if (item.github !== undefined)
    content.github = { reason: item.github.reason, subjectType: item.github.subjectType }
  if (item.email !== undefined) content.email = { from: item.email.from }
  if (item.facts !== undefined) content.facts = copyFacts(item.facts)
  if (item.slack !== undefined)
    content.slack = { conversationKind: item.slack.conversationKind, channel: item.slack.channel }
  return content
}

const factNames = [
  'messageId',
  'inReplyTo',
  'listId',
  'githubReason',
  'githubSender',
  'mailThreadId',
  'subjectUrl',
] as const satisfies ReadonlyArray<keyof ItemFacts>
const factLists = ['links', 'references'] as const satisfies ReadonlyArray<keyof ItemFacts>

function copyFacts(facts: ItemFacts): ItemFacts {
  const copy: ItemFacts = {}
  for (const name of factNames) if (facts[name] !== undefined) copy[name] = facts[name]
  for (const name of factLists) if (facts[name] !== undefined) copy[name] = [...(facts[name] ?? [])]
  return copy
}

/** Facts compared field by field; an item stored before facts existed differs from one that has some. */
function hasSameFacts(stored: ItemFacts | undefined, item: ItemFacts | undefined): boolean {
  if (stored === undefined || item === undefined) return stored === item
  if (factNames.some((name) => stored[name] !== item[name])) return false
  return factLists.every((name) => {
    const [a, b] = [stored[name], item[name]]
    if (a === undefined || b === undefined) return a === b
    return a.length === b.length && a.every((entry, index) => entry === b[index])
  })
}

/** Whether the stored item already says what the source says now. */
export function hasSameContent(stored: InboxItem, item: SourceItem): boolean {
  return (
    stored.accountId === item.accountId &&
    stored.source === item.source &&
    stored.stream === item.stream &&
    stored.externalId === item.externalId &&
    stored.threadKey === item.threadKey &&
    stored.container === item.container &&
    stored.author.id === item.author.id &&
    stored.author.name === item.author.name &&
    stored.title === item.title &&
    stored.text === item.text &&
    stored.url === item.url &&
    stored.sentAt === item.sentAt &&
    stored.needsReply === item.needsReply &&
    stored.github?.reason === item.github?.reason &&
    stored.github?.subjectType === item.github?.subjectType &&
    stored.email?.from === item.email?.from &&
    stored.slack?.conversationKind === item.slack?.conversationKind &&
    stored.slack?.channel === item.slack?.channel &&
    hasSameFacts(stored.facts, item.facts)
  )
}

/** The new content with the user's state kept: status, times, digest, snooze. */
export function withNewContent(stored: InboxItem, item: SourceItem): InboxItem {
  const row: InboxItem = { ...contentOf(item), status: stored.status, receivedAt: stored.receivedAt }
  if (stored.deliveredAt !== undefined) row.deliveredAt = stored.deliveredAt
  if (stored.digestId !== undefined) row.digestId = stored.digestId
  if (stored.urgentRuleId !== undefined) row.urgentRuleId = stored.urgentRuleId
  if (stored.urgentRuleName !== undefined) row.urgentRuleName = stored.urgentRuleName
  if (stored.isUrgentByConversation) row.isUrgentByConversation = true
  if (stored.snoozedUntil !== undefined) row.snoozedUntil = stored.snoozedUntil
  return row
}
