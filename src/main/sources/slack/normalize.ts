// A Slack message as Lull's item: who said it and where, by name; the text
// as plain words; a permalink; a thread key so replies group under their
// thread; and whether someone waits on the person (a DM, a group DM, a
// mention). Slack's answer is parsed, not trusted.
import { z } from 'zod'
import type { Conversation, Directory } from './directory'
import { firstLine, mentions, plainText } from './text'

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
})
export type SlackMessage = z.infer<typeof SlackMessage>

/** Subtypes that are still someone talking; every other one (joins, topics, bots) is noise by default. */
const spoken = new Set(['thread_broadcast', 'file_share', 'me_message'])

/** Whether a message is worth an item: a person, not Lull's user, not a bot, not channel housekeeping. */
export function isWorthAnItem(message: SlackMessage, selfId: string, directory: Directory): boolean {
  if (message.subtype !== undefined && !spoken.has(message.subtype)) return false
  if (message.bot_id !== undefined || !message.user) return false
  if (message.user === selfId) return false
  return !directory.isBot(message.user)
}

export function permalink(teamUrl: string, channel: string, message: SlackMessage): string {
  const base = `${teamUrl.replace(/\/?$/, '/')}archives/${channel}/p${message.ts.replace('.', '')}`
  return message.thread_ts && message.thread_ts !== message.ts
    ? `${base}?thread_ts=${message.thread_ts}&cid=${channel}`
    : base
}

export function messageToItem(input: {
  message: SlackMessage
  conversation: Conversation
  accountId: string
  stream: string
  selfId: string
  teamUrl: string
  directory: Directory
}) {
  const { message, conversation, directory } = input
  const author = message.user ?? ''
  const who = directory.user(author) ?? author
  const where = directory.label(conversation)
  const isDirect = conversation.kind === 'im' || conversation.kind === 'mpim'
  const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts
  const text = plainText(message.text ?? '', directory)
  const said = isDirect
    ? conversation.kind === 'im'
      ? `Message from ${who}`
      : `${who} in ${where}`
    : isReply
      ? `${who} replied in a thread in ${where}`
      : `${who} in ${where}`
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
    needsReply: isDirect || mentions(message.text ?? '', input.selfId),
  }
}
