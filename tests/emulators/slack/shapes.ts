// The Slack emulator's answers, each typed against @slack/web-api's own
// response types: if Slack's shapes change in a new release of the SDK,
// the compiler names the drift here before a test runs.
import type {
  AppsConnectionsOpenResponse,
  AuthTestResponse,
  ConversationsHistoryResponse,
  ConversationsRepliesResponse,
  DndInfoResponse,
  SearchMessagesResponse,
  UsersConversationsResponse,
  UsersInfoResponse,
  UsersListResponse,
  UsersProfileGetResponse,
} from '@slack/web-api'

export type HistoryMessage = NonNullable<ConversationsHistoryResponse['messages']>[number]
export type ReplyMessage = NonNullable<ConversationsRepliesResponse['messages']>[number]
export type SearchMatch = NonNullable<NonNullable<SearchMessagesResponse['messages']>['matches']>[number]
export type ListedConversation = NonNullable<UsersConversationsResponse['channels']>[number]
export type ListedUser = NonNullable<UsersListResponse['members']>[number]

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
}

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
}

export function historyMessage(message: StoredMessage, replies: StoredMessage[]): HistoryMessage {
  const shape: HistoryMessage = { type: 'message', ts: message.ts, user: message.user, text: message.text }
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
  return shape
}

export function replyMessage(message: StoredMessage): ReplyMessage {
  const shape: ReplyMessage = { type: 'message', ts: message.ts, user: message.user, text: message.text }
  if (message.threadTs) shape.thread_ts = message.threadTs
  if (message.edited) shape.edited = message.edited
  return shape
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
