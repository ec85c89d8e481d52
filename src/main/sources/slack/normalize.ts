// A Slack message as Lull's item: who said it and where, by name; what it
// says as plain words (its text, or its blocks when it has only those, and
// what it shares: a message, files); a permalink; a thread key so replies
// group under their thread; and whether someone waits on the person (a DM,
// a group DM, a mention). Slack's answer is parsed, not trusted.
import { z } from 'zod'
import { cleanName } from '../../../shared/display-text'
import { blocksText } from './blocks'
import type { Conversation, Directory } from './directory'
import { linksOf } from './links'
import { firstLine, isAddressedTo, plainText } from './text'

export const SlackMessage = z.object({
  ts: z.string().regex(/^\d{1,12}\.\d{1,6}$/),
  type: z.string().optional(),
  subtype: z.string().optional(),
  user: z.string().max(64).optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  thread_ts: z
    .string()
    .regex(/^\d{1,12}\.\d{1,6}$/)
    .optional(),
  edited: z.object({ ts: z.string().optional() }).partial().optional(),
  // Read one by one below, so one odd attachment, file or block costs only itself.
  attachments: z.array(z.unknown()).optional(),
  files: z.array(z.unknown()).optional(),
  blocks: z.array(z.unknown()).optional(),
})
export type SlackMessage = z.infer<typeof SlackMessage>

/** A message shared into this one ("Share message" in Slack). */
const Share = z.object({
  is_share: z.literal(true),
  text: z.string().optional(),
  fallback: z.string().optional(),
  author_id: z.string().optional(),
  author_name: z.string().optional(),
  author_subname: z.string().optional(),
})
const SharedFile = z.object({ name: z.string().optional(), title: z.string().optional() })

/** What a deleted message says in Lull once its sender took it back. */
export const retractedText = '(deleted by the sender)'

/** Attachments, files and blocks read at most from one message. */
const maxParts = 20

/** Subtypes that are still someone talking; every other one (joins, topics, bots) is noise by default. */
const spoken = new Set(['thread_broadcast', 'file_share', 'me_message'])

/** Whether a message is worth an item: a person, not Lull's user, not a bot, not channel housekeeping. */
export function isWorthAnItem(message: SlackMessage, selfId: string, directory: Directory): boolean {
  if (message.subtype !== undefined && !spoken.has(message.subtype)) return false
  if (message.bot_id !== undefined || !message.user) return false
  if (message.user === selfId) return false
  return !directory.isBot(message.user)
}

/** The message's own words as Slack's markup: its text, or its blocks when the text is empty. */
export function markupOf(message: SlackMessage): string {
  if (message.text && message.text.trim() !== '') return message.text
  return blocksText((message.blocks ?? []).slice(0, maxParts))
}

function sharesOf(message: SlackMessage) {
  return (message.attachments ?? []).slice(0, maxParts).flatMap((raw) => {
    const share = Share.safeParse(raw)
    return share.success ? [share.data] : []
  })
}

/** The people a message names (its author, mentions, shared messages' authors), to be looked up. */
export function peopleNamedIn(message: SlackMessage): string[] {
  const ids = message.user ? [message.user] : []
  for (const match of markupOf(message).matchAll(/<@([UW][A-Z0-9]+)/g)) if (match[1]) ids.push(match[1])
  for (const share of sharesOf(message)) if (share.author_id) ids.push(share.author_id)
  return ids
}

/** What the message says and shares, as plain text. */
function wordsOf(message: SlackMessage, directory: Directory): string {
  const parts = [plainText(markupOf(message), directory)]
  for (const share of sharesOf(message)) {
    const author =
      (share.author_id ? directory.user(share.author_id) : undefined) ??
      (cleanName(share.author_name || share.author_subname || '').trim() || undefined)
    const shared = plainText(share.text || share.fallback || '', directory)
    parts.push(`${author ? `Shared a message from ${author}` : 'Shared a message'}:\n${shared}`)
  }
  const files = (message.files ?? []).slice(0, maxParts).flatMap((raw) => {
    const file = SharedFile.safeParse(raw)
    // A file's name is shown as a name: bidi controls could make "exe.pdf" of "fdp.exe".
    const name = file.success ? cleanName(file.data.title || file.data.name || '').trim() : ''
    return name ? [name] : []
  })
  if (files.length === 1) parts.push(`Shared a file: ${files[0]}`)
  else if (files.length > 1) parts.push(`Shared ${files.length} files: ${files.join(', ')}`)
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('\n\n')
}

export function permalink(teamUrl: string, channel: string, message: SlackMessage): string {
  const base = `${teamUrl.replace(/\/?$/, '/')}archives/${channel}/p${message.ts.replace('.', '')}`
  return message.thread_ts && message.thread_ts !== message.ts
    ? `${base}?thread_ts=${message.thread_ts}&cid=${channel}`
    : base
}

/** The links it carries; none once the sender deleted it, as nothing else of what it said is kept. */
function factsOf(message: SlackMessage, isRetracted: boolean): { links?: string[] } {
  const links = isRetracted ? [] : linksOf(message)
  return links.length > 0 ? { links } : {}
}

export function messageToItem(input: {
  message: SlackMessage
  conversation: Conversation
  accountId: string
  stream: string
  selfId: string
  teamUrl: string
  directory: Directory
  /** The sender deleted it: the item stays (with its state) and says so; nobody waits on it. */
  isRetracted?: boolean
}) {
  const { message, conversation, directory } = input
  const author = message.user ?? ''
  const who = directory.user(author) ?? author
  const where = directory.label(conversation)
  const isDirect = conversation.kind === 'im' || conversation.kind === 'mpim'
  const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts
  const said = isDirect
    ? conversation.kind === 'im'
      ? `Message from ${who}`
      : `${who} in ${where}`
    : isReply
      ? `${who} replied in a thread in ${where}`
      : `${who} in ${where}`
  const text = input.isRetracted ? retractedText : wordsOf(message, directory)
  const isAddressed = isAddressedTo(markupOf(message), input.selfId, directory.isInGroup)
  return {
    id: `${input.accountId}:${conversation.id}:${message.ts}`,
    accountId: input.accountId,
    source: 'slack' as const,
    stream: input.stream,
    externalId: `${conversation.id}:${message.ts}`,
    threadKey: `slack:${conversation.id}:${message.thread_ts ?? message.ts}`,
    container: where,
    author: { id: author, name: who },
    title: said,
    text: text || firstLine(said),
    url: permalink(input.teamUrl, conversation.id, message),
    sentAt: Math.round(Number(message.ts) * 1000),
    needsReply: !input.isRetracted && (isDirect || isAddressed),
    facts: factsOf(message, input.isRetracted === true),
    slack: { conversationKind: conversation.kind, channel: conversation.id },
  }
}
