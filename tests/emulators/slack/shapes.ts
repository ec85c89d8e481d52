// The Slack emulator's answers, each typed against @slack/web-api's own
// response types: if Slack's shapes change in a new release of the SDK,
// the compiler names the drift here before a test runs.
import type {
  AppsConnectionsOpenResponse,
  AuthTestResponse,
  ChatDeleteResponse,
  ChatPostMessageResponse,
  ConversationsHistoryResponse,
  ConversationsRepliesResponse,
  DndInfoResponse,
  SearchMessagesResponse,
  UsergroupsListResponse,
  UsersConversationsResponse,
  UsersInfoResponse,
  UsersListResponse,
  UsersProfileGetResponse,
} from '@slack/web-api'

// Slack gives a message's metadata payload with include_all_metadata; the SDK's generated type has only its event_type.
export type HistoryMessage = NonNullable<ConversationsHistoryResponse['messages']>[number] & {
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> }
}
export type ReplyMessage = NonNullable<ConversationsRepliesResponse['messages']>[number]
export type SearchMatch = NonNullable<NonNullable<SearchMessagesResponse['messages']>['matches']>[number]
export type ListedConversation = NonNullable<UsersConversationsResponse['channels']>[number]
export type ListedUser = NonNullable<UsersListResponse['members']>[number]
export type ListedGroup = NonNullable<UsergroupsListResponse['usergroups']>[number]
// Slack marks a shared message with is_share; the SDK's generated type leaves it out.
export type MessageAttachment = NonNullable<HistoryMessage['attachments']>[number] & { is_share?: boolean }
export type MessageFile = NonNullable<HistoryMessage['files']>[number]
export type MessageBlock = NonNullable<HistoryMessage['blocks']>[number]

export type Answers = {
  'auth.test': AuthTestResponse
  'users.conversations': UsersConversationsResponse
  'users.list': UsersListResponse
  'users.info': UsersInfoResponse
  'conversations.history': ConversationsHistoryResponse
  'conversations.replies': ConversationsRepliesResponse
  'search.messages': SearchMessagesResponse
  'users.profile.get': UsersProfileGetResponse
  // Slack documents snooze_enabled and snooze_endtime on dnd.info; the SDK's generated type leaves them out.
  'dnd.info': DndInfoResponse & { snooze_enabled: boolean; snooze_endtime?: number }
  'apps.connections.open': AppsConnectionsOpenResponse
  'usergroups.list': UsergroupsListResponse
  'chat.postMessage': ChatPostMessageResponse
  'chat.delete': ChatDeleteResponse
}

/** What an app attached to a message it posted (chat.postMessage's `metadata`). */
export type MessageMetadata = { event_type: string; event_payload: Record<string, unknown> }

export type StoredMessage = {
  ts: string
  user: string
  text: string
  subtype?: string
  botId?: string
  /** A reply names its parent's ts; a parent carries its own. */
  threadTs?: string
  edited?: { user: string; ts: string }
  isDeleted?: boolean
  attachments?: MessageAttachment[]
  files?: MessageFile[]
  blocks?: MessageBlock[]
  metadata?: MessageMetadata
}

/** An inline element of rich text, as Slack's composer writes it. */
export type RichTextElement =
  | { type: 'text'; text: string }
  | { type: 'user'; user_id: string }
  | { type: 'channel'; channel_id: string }
  | { type: 'usergroup'; usergroup_id: string }
  | { type: 'broadcast'; range: 'here' | 'channel' | 'everyone' }
  | { type: 'link'; url: string; text?: string }
  | { type: 'emoji'; name: string }

/**
 * A rich_text block holding one section, as Slack sends it. The SDK types
 * block and element kinds as enums it does not export (their values are
 * Slack's strings) and a section's elements with a list's fields, so this
 * one shape is cast to its type here rather than in every test.
 */
export function richTextBlock(elements: RichTextElement[]): MessageBlock {
  const block = { type: 'rich_text', block_id: 'rt1', elements: [{ type: 'rich_text_section', elements }] }
  return block as unknown as MessageBlock
}

/** Slack's own words for the bodies it sends of a message, edited or said. */
function withParts<T extends HistoryMessage | ReplyMessage>(shape: T, message: StoredMessage): T {
  if (message.attachments) shape.attachments = message.attachments
  if (message.files) shape.files = message.files
  if (message.blocks) shape.blocks = message.blocks
  return shape
}

export function historyMessage(
  message: StoredMessage,
  replies: StoredMessage[],
  withMetadata = false,
): HistoryMessage {
  const shape: HistoryMessage = { type: 'message', ts: message.ts, user: message.user, text: message.text }
  if (withMetadata && message.metadata) shape.metadata = message.metadata
  if (message.subtype) shape.subtype = message.subtype
  if (message.botId) shape.bot_id = message.botId
  if (message.edited) shape.edited = message.edited
  if (message.threadTs) shape.thread_ts = message.threadTs
  if (replies.length > 0) {
    shape.thread_ts = message.ts
    shape.reply_count = replies.length
    shape.reply_users = [...new Set(replies.map((reply) => reply.user))]
    shape.latest_reply = replies.at(-1)?.ts
  }
  return withParts(shape, message)
}

export function replyMessage(message: StoredMessage): ReplyMessage {
  const shape: ReplyMessage = { type: 'message', ts: message.ts, user: message.user, text: message.text }
  if (message.threadTs) shape.thread_ts = message.threadTs
  if (message.edited) shape.edited = message.edited
  return withParts(shape, message)
}

export function listedUser(id: string, name: string, isBot = false): ListedUser {
  return {
    id,
    name: name.toLowerCase().replaceAll(' ', '.'),
    real_name: name,
    is_bot: isBot,
    deleted: false,
    profile: { real_name: name, display_name: name.split(' ')[0] ?? name },
  }
}
