// A Slack emulator on 127.0.0.1 for the Slack source's tests: the Web API
// methods Lull calls (auth.test with its scopes header, users.conversations,
// users.list/info, conversations.history/replies with oldest and cursors,
// search.messages (public channels the person is not in too),
// usergroups.list, users.profile for the status and dnd for Do Not Disturb,
// kept apart as Slack keeps them), Socket Mode (apps.connections.open with
// the app token, then a WebSocket that says hello, sends events_api
// envelopes and counts their acks, and can say disconnect with a reason,
// drop, or send what Slack sometimes sends: app_rate_limited, an envelope
// without a payload), and faults on demand (drops, silence, 5xx, junk,
// ratelimited with Retry-After, invalid_auth, missing_scope), and
// chat.postMessage as the person (kept in the conversation with its
// metadata; a post whose answer is lost on the way back) and chat.delete of
// the person's own message. Every answer is
// typed against @slack/web-api's response types (shapes.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { type WebSocket, WebSocketServer } from 'ws'
import type { FocusStatus } from '../../../src/shared/contract'
import {
  type Answers,
  historyMessage,
  type ListedConversation,
  type ListedGroup,
  type ListedUser,
  listedUser,
  type MessageAttachment,
  type MessageBlock,
  type MessageFile,
  type MessageMetadata,
  replyMessage,
  type SearchMatch,
  type StoredMessage,
} from './shapes'

export type SlackFault =
  | { kind: 'drop' | 'timeout' | '5xx' | 'malformed' }
  | { kind: '429'; retryAfterSeconds: number }
  | { kind: 'error'; error: string; needed?: string }

type Conversation = {
  id: string
  name: string
  kind: 'channel' | 'private' | 'im' | 'mpim'
  /** The other person of a DM. */
  user?: string
  isMember: boolean
  messages: StoredMessage[]
}

export type SaidMessage = {
  channel: string
  text: string
  user?: string
  subtype?: string
  botId?: string
  /** A reply in the thread of this parent ts. */
  threadTs?: string
  attachments?: MessageAttachment[]
  files?: MessageFile[]
  blocks?: MessageBlock[]
}

/** Scopes the manifest asks for; a test removes one to see it named. */
export const manifestScopes = [
  'channels:history',
  'channels:read',
  'groups:history',
  'groups:read',
  'im:history',
  'im:read',
  'mpim:history',
  'mpim:read',
  'users:read',
  'usergroups:read',
  'search:read',
  'dnd:read',
  'dnd:write',
  'users.profile:read',
  'users.profile:write',
  'chat:write',
]

/** Methods whose requests are "pages" of a pull, where faults are placed. */
const pullMethods = new Set(['conversations.history', 'conversations.replies', 'search.messages'])
const silenceMs = 15_000

export async function startSlackEmulator(options: { now(): number; selfId?: string }) {
  const selfId = options.selfId ?? 'U0SELF'
  const team = { id: 'T0ACME', name: 'Acme', domain: 'acme', url: 'https://acme.slack.com/' }
  let selfHandle = 'sam.self'
  const users = new Map<string, ListedUser>([[selfId, listedUser(selfId, 'Sam Self')]])
  const groups = new Map<string, ListedGroup>()
  const conversations = new Map<string, Conversation>()
  const faults: Array<{ at: number; fault: SlackFault }> = []
  const methodFaults = new Map<string, SlackFault>()
  let pullRequests = 0
  let requests = 0
  const byMethod = new Map<string, number>()
  let token = 'xoxp-emulator-user-token'
  let appToken = 'xapp-emulator-app-token'
  let scopes = [...manifestScopes]
  let lastSecond = 0
  let micro = 0
  const profile = { status_text: '', status_emoji: '', status_expiration: 0 }
  /** Do Not Disturb, apart from the status as in Slack: the snooze's end in unix seconds, 0 for none. */
  let snoozeEndtime = 0
  const held = new Set<ServerResponse>()
  const sockets = new Set<WebSocket>()
  const raw = new Set<Socket>()
  let envelopes = 0
  const acked = new Set<string>()
  const sent: string[] = []
  /** Messages posted through chat.postMessage, in order. */
  const posts: Array<{ channel: string; text: string; ts: string; metadata?: MessageMetadata }> = []
  let isNextPostAnswerLost = false

  const wss = new WebSocketServer({ noServer: true })
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: Error) => {
      if (!response.headersSent) json(response, 500, { ok: false, error: error.message })
    })
  })
  server.on('connection', (socket) => {
    raw.add(socket)
    socket.on('close', () => raw.delete(socket))
  })
  server.on('upgrade', (request, socket, head) => {
    if (!request.url?.startsWith('/socket/')) {
      socket.destroy()
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
      ws.on('message', (data) => {
        try {
          const envelope = JSON.parse(String(data)) as { envelope_id?: string }
          if (envelope.envelope_id) acked.add(envelope.envelope_id)
        } catch {
          // A client that sends junk is only ignored, as Slack does.
        }
      })
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: sockets.size,
          connection_info: { app_id: 'A0LULL' },
        }),
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}/api/`
  // Servers in tests stop by themselves: pings keep the Socket Mode client's watchdog fed, an idle hour ends it all.
  const pinger = setInterval(() => {
    for (const ws of sockets) ws.ping()
  }, 5_000)
  pinger.unref()
  const stopAfter = setTimeout(() => void stop(), 60 * 60_000)
  stopAfter.unref()

  function json(response: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}) {
    response.writeHead(code, { 'content-type': 'application/json; charset=utf-8', ...headers })
    response.end(JSON.stringify(body))
  }

  function answer<M extends keyof Answers>(response: ServerResponse, _method: M, body: Answers[M]) {
    json(response, 200, body, _method === 'auth.test' ? { 'x-oauth-scopes': scopes.join(',') } : {})
  }

  async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    if ((request.headers['content-type'] ?? '').includes('application/json')) {
      const params = new URLSearchParams()
      for (const [key, value] of Object.entries(JSON.parse(text || '{}') as Record<string, unknown>))
        params.set(key, typeof value === 'string' ? value : JSON.stringify(value))
      return params
    }
    return new URLSearchParams(text)
  }

  function nextTs(): string {
    const second = Math.floor(options.now() / 1000)
    if (second > lastSecond) {
      lastSecond = second
      micro = 0
    }
    micro += 1
    return `${lastSecond}.${String(micro).padStart(6, '0')}`
  }

  function answerFault(fault: SlackFault, response: ServerResponse): void {
    if (fault.kind === 'drop') {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{"ok":true,"messages":[')
      setTimeout(() => response.socket?.destroy(), 5)
    } else if (fault.kind === 'timeout') {
      held.add(response)
      setTimeout(() => {
        held.delete(response)
        response.socket?.destroy()
      }, silenceMs).unref()
    } else if (fault.kind === '5xx') {
      response.writeHead(503, { 'content-type': 'text/html' })
      response.end('<html><body>Service Unavailable</body></html>')
    } else if (fault.kind === 'malformed') {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{"ok": true, "messages": [ {"ts": ')
    } else if (fault.kind === '429') {
      json(
        response,
        429,
        { ok: false, error: 'ratelimited' },
        { 'retry-after': String(fault.retryAfterSeconds) },
      )
    } else if (fault.kind === 'error') {
      json(response, 200, {
        ok: false,
        error: fault.error,
        ...(fault.needed ? { needed: fault.needed } : {}),
      })
    }
  }

  function page<T>(all: T[], params: URLSearchParams, defaultLimit: number, maxLimit: number) {
    const limit = Math.min(maxLimit, Math.max(1, Number(params.get('limit') ?? defaultLimit) || defaultLimit))
    const start = params.get('cursor')
      ? Number(Buffer.from(params.get('cursor') ?? '', 'base64url').toString())
      : 0
    const slice = all.slice(start, start + limit)
    const next = start + limit < all.length ? Buffer.from(String(start + limit)).toString('base64url') : ''
    return { slice, next }
  }

  function repliesOf(conversation: Conversation, ts: string): StoredMessage[] {
    return conversation.messages.filter((m) => !m.isDeleted && m.threadTs === ts && m.ts !== ts)
  }

  function listed(conversation: Conversation): ListedConversation {
    const shape: ListedConversation = {
      id: conversation.id,
      is_channel: conversation.kind === 'channel',
      is_group: conversation.kind === 'private',
      is_private: conversation.kind === 'private' || conversation.kind === 'mpim',
      is_im: conversation.kind === 'im',
      is_mpim: conversation.kind === 'mpim',
      is_archived: false,
      created: 1_700_000_000,
    }
    if (conversation.kind === 'im') shape.user = conversation.user
    else shape.name = conversation.name
    return shape
  }

  const needs: Record<string, string> = {
    'users.conversations': 'channels:read',
    'conversations.history': 'channels:history',
    'conversations.replies': 'channels:history',
    'users.list': 'users:read',
    'users.info': 'users:read',
    'usergroups.list': 'usergroups:read',
    'search.messages': 'search:read',
    'users.profile.get': 'users.profile:read',
    'users.profile.set': 'users.profile:write',
    'dnd.info': 'dnd:read',
    'dnd.setSnooze': 'dnd:write',
    'dnd.endSnooze': 'dnd:write',
    'chat.postMessage': 'chat:write',
    'chat.delete': 'chat:write',
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    requests += 1
    const method = (request.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? ''
    byMethod.set(method, (byMethod.get(method) ?? 0) + 1)
    const params = await readForm(request)
    const bearer = (request.headers.authorization ?? '').replace(/^Bearer /, '') || params.get('token') || ''
    if (pullMethods.has(method)) {
      const index = pullRequests++
      const at = faults.findIndex((entry) => entry.at === index)
      if (at >= 0) {
        const [entry] = faults.splice(at, 1)
        if (entry) return answerFault(entry.fault, response)
      }
    }
    const once = methodFaults.get(method)
    if (once) {
      methodFaults.delete(method)
      return answerFault(once, response)
    }
    if (method === 'apps.connections.open') {
      if (bearer !== appToken) return json(response, 200, { ok: false, error: 'invalid_auth' })
      return answer(response, 'apps.connections.open', {
        ok: true,
        url: `ws://127.0.0.1:${port}/socket/${Date.now()}`,
      })
    }
    if (bearer !== token) return json(response, 200, { ok: false, error: 'invalid_auth' })
    const needed = needs[method]
    if (needed && !scopes.includes(needed))
      return json(response, 200, { ok: false, error: 'missing_scope', needed, provided: scopes.join(',') })

    switch (method) {
      case 'auth.test':
        return answer(response, 'auth.test', {
          ok: true,
          url: team.url,
          team: team.name,
          user: selfHandle,
          team_id: team.id,
          user_id: selfId,
        })
      case 'users.conversations': {
        const types = (params.get('types') ?? 'public_channel').split(',')
        const wanted = new Set(
          types.map(
            (type) =>
              ({ public_channel: 'channel', private_channel: 'private', im: 'im', mpim: 'mpim' })[type] ??
              type,
          ),
        )
        const all = [...conversations.values()].filter((c) => c.isMember && wanted.has(c.kind))
        const { slice, next } = page(all, params, 100, 999)
        return answer(response, 'users.conversations', {
          ok: true,
          channels: slice.map(listed),
          response_metadata: { next_cursor: next },
        })
      }
      case 'users.list': {
        const { slice, next } = page([...users.values()], params, 200, 1000)
        return answer(response, 'users.list', {
          ok: true,
          members: slice,
          response_metadata: { next_cursor: next },
        })
      }
      case 'users.info': {
        const user = users.get(params.get('user') ?? '')
        if (!user) return json(response, 200, { ok: false, error: 'user_not_found' })
        return answer(response, 'users.info', { ok: true, user })
      }
      case 'usergroups.list':
        return answer(response, 'usergroups.list', {
          ok: true,
          usergroups: [...groups.values()].map((group) =>
            params.get('include_users') === 'true' ? group : { ...group, users: undefined },
          ),
        })
      case 'conversations.history': {
        const conversation = conversations.get(params.get('channel') ?? '')
        if (!conversation) return json(response, 200, { ok: false, error: 'channel_not_found' })
        if (!conversation.isMember) return json(response, 200, { ok: false, error: 'not_in_channel' })
        const oldest = params.get('oldest') ?? '0'
        const latest = params.get('latest')
        const inclusive = params.get('inclusive') === 'true' || params.get('inclusive') === '1'
        const visible = conversation.messages
          .filter(
            (m) => !m.isDeleted && (!m.threadTs || m.threadTs === m.ts || m.subtype === 'thread_broadcast'),
          )
          .filter((m) => (inclusive ? compareTs(m.ts, oldest) >= 0 : compareTs(m.ts, oldest) > 0))
          .filter((m) => !latest || (inclusive ? compareTs(m.ts, latest) <= 0 : compareTs(m.ts, latest) < 0))
          .sort((a, b) => compareTs(b.ts, a.ts))
        const { slice, next } = page(visible, params, 100, 999)
        return answer(response, 'conversations.history', {
          ok: true,
          messages: slice.map((m) =>
            historyMessage(m, repliesOf(conversation, m.ts), params.get('include_all_metadata') === 'true'),
          ),
          has_more: next !== '',
          response_metadata: { next_cursor: next },
        })
      }
      case 'conversations.replies': {
        const conversation = conversations.get(params.get('channel') ?? '')
        if (!conversation) return json(response, 200, { ok: false, error: 'channel_not_found' })
        if (!conversation.isMember) return json(response, 200, { ok: false, error: 'not_in_channel' })
        const ts = params.get('ts') ?? ''
        const parent = conversation.messages.find((m) => m.ts === ts && !m.isDeleted)
        if (!parent) return json(response, 200, { ok: false, error: 'thread_not_found' })
        const oldest = params.get('oldest') ?? '0'
        // Slack puts the parent first, then the replies oldest first.
        const thread = [parent, ...repliesOf(conversation, ts).filter((m) => compareTs(m.ts, oldest) > 0)]
        const { slice, next } = page(thread, params, 200, 1000)
        return answer(response, 'conversations.replies', {
          ok: true,
          messages: slice.map(replyMessage),
          has_more: next !== '',
          response_metadata: { next_cursor: next },
        })
      }
      case 'search.messages':
        return search(response, params)
      case 'users.profile.get':
        return answer(response, 'users.profile.get', { ok: true, profile: { ...profile } })
      case 'users.profile.set': {
        const given = JSON.parse(params.get('profile') ?? '{}') as Partial<typeof profile>
        if (given.status_text !== undefined) profile.status_text = given.status_text
        if (given.status_emoji !== undefined) profile.status_emoji = given.status_emoji
        if (given.status_expiration !== undefined) profile.status_expiration = Number(given.status_expiration)
        return json(response, 200, { ok: true, profile: { ...profile } })
      }
      case 'dnd.info': {
        const isOn = snoozeEndtime * 1000 > options.now()
        return answer(response, 'dnd.info', {
          ok: true,
          dnd_enabled: false,
          snooze_enabled: isOn,
          ...(isOn ? { snooze_endtime: snoozeEndtime } : {}),
        })
      }
      case 'dnd.setSnooze': {
        const minutes = Number(params.get('num_minutes'))
        if (!Number.isInteger(minutes) || minutes < 1)
          return json(response, 200, { ok: false, error: 'invalid_arguments' })
        snoozeEndtime = Math.floor(options.now() / 1000) + minutes * 60
        return json(response, 200, { ok: true, snooze_enabled: true, snooze_endtime: snoozeEndtime })
      }
      case 'dnd.endSnooze':
        snoozeEndtime = 0
        return json(response, 200, { ok: true, snooze_enabled: false })
      case 'chat.postMessage':
        return postMessage(response, params)
      case 'chat.delete': {
        const conversation = conversations.get(params.get('channel') ?? '')
        const message = conversation?.messages.find((m) => m.ts === params.get('ts') && !m.isDeleted)
        if (!conversation || !message) return json(response, 200, { ok: false, error: 'message_not_found' })
        if (message.user !== selfId) return json(response, 200, { ok: false, error: 'cant_delete_message' })
        message.isDeleted = true
        return answer(response, 'chat.delete', { ok: true, channel: conversation.id, ts: message.ts })
      }
      default:
        return json(response, 200, { ok: false, error: 'unknown_method' })
    }
  }

  function postMessage(response: ServerResponse, params: URLSearchParams) {
    const conversation = conversations.get(params.get('channel') ?? '')
    if (!conversation) return json(response, 200, { ok: false, error: 'channel_not_found' })
    if (!conversation.isMember) return json(response, 200, { ok: false, error: 'not_in_channel' })
    const text = params.get('text') ?? ''
    if (text === '') return json(response, 200, { ok: false, error: 'no_text' })
    const message: StoredMessage = { ts: nextTs(), user: selfId, text }
    const metadata = params.get('metadata')
    if (metadata) message.metadata = JSON.parse(metadata) as MessageMetadata
    conversation.messages.push(message)
    posts.push({
      channel: conversation.id,
      text,
      ts: message.ts,
      ...(message.metadata ? { metadata: message.metadata } : {}),
    })
    if (isNextPostAnswerLost) {
      // Slack kept the message; the answer never reaches Lull.
      isNextPostAnswerLost = false
      response.socket?.destroy()
      return
    }
    return answer(response, 'chat.postMessage', {
      ok: true,
      channel: conversation.id,
      ts: message.ts,
      message: { type: 'message', user: selfId, text, ts: message.ts },
    })
  }

  function search(response: ServerResponse, params: URLSearchParams) {
    const query = params.get('query') ?? ''
    const from = /from:<@(\w+)>/.exec(query)?.[1]
    const mention = query.replace(/from:<@\w+>/, '').trim()
    const matches: Array<{ conversation: Conversation; message: StoredMessage }> = []
    for (const conversation of conversations.values()) {
      // Search reaches public channels the person is not in; private ones only when they are.
      if (!conversation.isMember && conversation.kind !== 'channel') continue
      for (const message of conversation.messages) {
        if (message.isDeleted) continue
        if (from && message.user !== from) continue
        if (mention && !message.text.includes(mention)) continue
        matches.push({ conversation, message })
      }
    }
    const isAscending = params.get('sort_dir') === 'asc'
    matches.sort((a, b) => (isAscending ? 1 : -1) * compareTs(a.message.ts, b.message.ts))
    const count = Math.min(100, Number(params.get('count') ?? 20) || 20)
    const pageNumber = Math.max(1, Number(params.get('page') ?? 1) || 1)
    const slice = matches.slice((pageNumber - 1) * count, pageNumber * count)
    const pages = Math.max(1, Math.ceil(matches.length / count))
    const shaped: SearchMatch[] = slice.map(({ conversation, message }) => ({
      type: 'message',
      iid: `${conversation.id}-${message.ts}`,
      ts: message.ts,
      text: message.text,
      user: message.user,
      username: users.get(message.user)?.name,
      team: team.id,
      channel: {
        id: conversation.id,
        name: conversation.kind === 'im' ? (conversation.user ?? '') : conversation.name,
        is_im: conversation.kind === 'im',
        is_mpim: conversation.kind === 'mpim',
        is_private: conversation.kind !== 'channel',
      },
      permalink: permalink(conversation.id, message),
    }))
    return answer(response, 'search.messages', {
      ok: true,
      query,
      messages: {
        matches: shaped,
        total: matches.length,
        paging: { count, total: matches.length, page: pageNumber, pages },
      },
    })
  }

  function permalink(channel: string, message: StoredMessage): string {
    const base = `${team.url}archives/${channel}/p${message.ts.replace('.', '')}`
    return message.threadTs && message.threadTs !== message.ts
      ? `${base}?thread_ts=${message.threadTs}&cid=${channel}`
      : base
  }

  /** Sends one events_api envelope to every open socket, with this payload (none when null). */
  function emitEnvelope(payload: (envelope: number) => Record<string, unknown> | null) {
    for (const ws of sockets) {
      const envelope_id = `env-${++envelopes}`
      sent.push(envelope_id)
      const body = payload(envelopes)
      ws.send(
        JSON.stringify({
          envelope_id,
          type: 'events_api',
          accepts_response_payload: false,
          retry_attempt: 0,
          retry_reason: '',
          ...(body ? { payload: body } : {}),
        }),
      )
    }
  }

  /** Sends one message event to every open socket. */
  function emit(event: Record<string, unknown>) {
    emitEnvelope((envelope) => ({
      token: 'verification',
      team_id: team.id,
      api_app_id: 'A0LULL',
      type: 'event_callback',
      event_id: `Ev${envelope}`,
      event_time: Math.floor(options.now() / 1000),
      event,
    }))
  }

  function channelType(conversation: Conversation): string {
    return { channel: 'channel', private: 'group', im: 'im', mpim: 'mpim' }[conversation.kind]
  }

  function conversationOf(id: string): Conversation {
    const conversation = conversations.get(id)
    if (!conversation) throw new Error(`the emulator has no conversation ${id}`)
    return conversation
  }

  async function stop() {
    clearInterval(pinger)
    clearTimeout(stopAfter)
    for (const response of held) response.socket?.destroy()
    for (const ws of sockets) ws.terminate()
    for (const socket of raw) socket.destroy()
    wss.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  return {
    url,
    team,
    selfId,
    token: () => token,
    appToken: () => appToken,
    /** The person's handle and the workspace's name, as auth.test gives them. */
    rename(names: { user?: string; team?: string }) {
      if (names.user !== undefined) selfHandle = names.user
      if (names.team !== undefined) team.name = names.team
    },
    addUser(id: string, name: string, isBot = false) {
      users.set(id, listedUser(id, name, isBot))
    },
    addConversation(input: {
      id: string
      name: string
      kind: Conversation['kind']
      user?: string
      isMember?: boolean
    }) {
      conversations.set(input.id, {
        id: input.id,
        name: input.name,
        kind: input.kind,
        ...(input.user ? { user: input.user } : {}),
        isMember: input.isMember ?? true,
        messages: [],
      })
    },
    /** Someone says something; with a socket open, Slack sends the message event. Answers its ts. */
    say(said: SaidMessage): string {
      const conversation = conversationOf(said.channel)
      const ts = nextTs()
      const message: StoredMessage = { ts, user: said.user ?? 'U0DANA', text: said.text }
      if (said.subtype) message.subtype = said.subtype
      if (said.botId) message.botId = said.botId
      if (said.threadTs) message.threadTs = said.threadTs
      if (said.attachments) message.attachments = said.attachments
      if (said.files) message.files = said.files
      if (said.blocks) message.blocks = said.blocks
      conversation.messages.push(message)
      const event: Record<string, unknown> = {
        type: 'message',
        channel: conversation.id,
        channel_type: channelType(conversation),
        user: message.user,
        text: message.text,
        ts,
        event_ts: ts,
      }
      if (said.subtype) event.subtype = said.subtype
      if (said.botId) event.bot_id = said.botId
      if (said.threadTs) event.thread_ts = said.threadTs
      if (said.attachments) event.attachments = said.attachments
      if (said.files) event.files = said.files
      if (said.blocks) event.blocks = said.blocks
      if (conversation.isMember) emit(event)
      return ts
    },
    /** Many messages at once, without events (a backlog that was there before Lull connected). */
    seed(channel: string, texts: string[], user = 'U0DANA') {
      const conversation = conversationOf(channel)
      for (const text of texts) conversation.messages.push({ ts: nextTs(), user, text })
    },
    edit(channel: string, ts: string, text: string) {
      const conversation = conversationOf(channel)
      const message = conversation.messages.find((m) => m.ts === ts)
      if (!message) throw new Error(`no message ${ts}`)
      const previous = { ...message }
      message.text = text
      message.edited = { user: message.user, ts: nextTs() }
      emit({
        type: 'message',
        subtype: 'message_changed',
        channel,
        channel_type: channelType(conversation),
        hidden: true,
        ts: message.edited.ts,
        event_ts: message.edited.ts,
        message: {
          type: 'message',
          user: message.user,
          text,
          ts,
          edited: message.edited,
          ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
        },
        previous_message: { type: 'message', user: previous.user, text: previous.text, ts },
      })
    },
    /**
     * The sender deletes a message. Slack sends message_deleted with the
     * message as it was; a thread's parent with replies stays as a
     * tombstone instead, sent as message_changed.
     */
    remove(channel: string, ts: string) {
      const conversation = conversationOf(channel)
      const message = conversation.messages.find((m) => m.ts === ts)
      if (!message) throw new Error(`no message ${ts}`)
      const previous = {
        type: 'message',
        user: message.user,
        text: message.text,
        ts,
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      }
      const at = nextTs()
      if (repliesOf(conversation, ts).length > 0) {
        Object.assign(message, { subtype: 'tombstone', user: 'USLACKBOT', text: 'This message was deleted.' })
        emit({
          type: 'message',
          subtype: 'message_changed',
          channel,
          channel_type: channelType(conversation),
          hidden: true,
          ts: at,
          event_ts: at,
          message: {
            ...previous,
            subtype: 'tombstone',
            user: 'USLACKBOT',
            text: 'This message was deleted.',
          },
          previous_message: previous,
        })
        return
      }
      message.isDeleted = true
      emit({
        type: 'message',
        subtype: 'message_deleted',
        channel,
        channel_type: channelType(conversation),
        hidden: true,
        deleted_ts: ts,
        ts: at,
        event_ts: at,
        previous_message: previous,
      })
    },
    /** The k-th pull request from now (history, replies or search) fails so. */
    failPull(fault: SlackFault, pageIndex = 0) {
      faults.push({ at: pullRequests + pageIndex, fault })
    },
    /** The next call of this method fails so. */
    /** What chat.postMessage posted, in order. */
    posts() {
      return posts.map((post) => ({ ...post }))
    },
    /** Whether a message was deleted (chat.delete, or the sender took it back). */
    isDeleted(channel: string, ts: string) {
      return conversationOf(channel).messages.find((m) => m.ts === ts)?.isDeleted === true
    },
    /** The next chat.postMessage is kept, and its answer is cut off on the way back. */
    loseNextPostAnswer() {
      isNextPostAnswerLost = true
    },
    failMethod(method: string, fault: SlackFault) {
      methodFaults.set(method, fault)
    },
    revoke() {
      token = 'xoxp-revoked'
      appToken = 'xapp-revoked'
    },
    withoutScope(scope: string) {
      scopes = scopes.filter((granted) => granted !== scope)
    },
    /** The app reinstalled with a scope added. */
    withScope(scope: string) {
      if (!scopes.includes(scope)) scopes = [...scopes, scope]
    },
    /** Ends every open socket at once, as a network drop would. */
    dropSockets() {
      for (const ws of sockets) ws.terminate()
    },
    /**
     * Slack closing the connection says disconnect first: "refresh_requested"
     * when it rotates it, "link_disabled" when Socket Mode was turned off in the app.
     */
    sayDisconnect(reason: 'refresh_requested' | 'link_disabled' | 'warning' = 'refresh_requested') {
      for (const ws of sockets) ws.send(JSON.stringify({ type: 'disconnect', reason }))
    },
    /** Slack dropping the app's events for the rest of a minute tells it so in an envelope with no event. */
    sayAppRateLimited() {
      emitEnvelope(() => ({
        token: 'verification',
        type: 'app_rate_limited',
        team_id: team.id,
        minute_rate_limited: Math.floor(options.now() / 60_000) * 60,
        api_app_id: 'A0LULL',
      }))
    },
    /** An events_api envelope with no payload at all. */
    sendEnvelopeWithoutPayload() {
      emitEnvelope(() => null)
    },
    /** A user group (@handle) and its members. */
    addUserGroup(id: string, handle: string, members: string[]) {
      groups.set(id, {
        id,
        team_id: team.id,
        is_usergroup: true,
        name: handle,
        handle,
        users: members,
        user_count: members.length,
      })
    },
    openSockets: () => sockets.size,
    envelopes: () => ({ sent: [...sent], acked: [...acked] }),
    /** The status as the source contract reads it; `isDoNotDisturb` says whether a snooze is on now. */
    status(): FocusStatus {
      return {
        message: profile.status_text,
        emoji: profile.status_emoji,
        expiresAt: profile.status_expiration > 0 ? profile.status_expiration * 1000 : null,
        isDoNotDisturb: snoozeEndtime * 1000 > options.now(),
      }
    },
    /** The person sets a status in Slack; Do Not Disturb on snoozes it until `snoozeUntil`, or for an hour. */
    setStatus(status: FocusStatus) {
      profile.status_text = status.message
      profile.status_emoji = status.emoji
      profile.status_expiration = status.expiresAt === null ? 0 : Math.round(status.expiresAt / 1000)
      const hourFromNow = Math.floor(options.now() / 1000) + 3600
      const until = status.snoozeUntil === undefined ? hourFromNow : Math.round(status.snoozeUntil / 1000)
      snoozeEndtime = status.isDoNotDisturb ? until : 0
    },
    /** Do Not Disturb alone: when the snooze ends (epoch ms), or null when none is on. */
    dnd(): { snoozeUntil: number | null } {
      return { snoozeUntil: snoozeEndtime * 1000 > options.now() ? snoozeEndtime * 1000 : null }
    },
    /** The person snoozes notifications until then (epoch ms), or ends the snooze (null), in Slack. */
    setDnd(snoozeUntil: number | null) {
      snoozeEndtime = snoozeUntil === null ? 0 : Math.round(snoozeUntil / 1000)
    },
    requestCount: () => requests,
    methodCount: (method: string) => byMethod.get(method) ?? 0,
    stop,
  }
}

export type SlackEmulator = Awaited<ReturnType<typeof startSlackEmulator>>

/** Slack's ts order: seconds, then the microsecond part. */
export function compareTs(a: string, b: string): number {
  const [as = '0', am = '0'] = a.split('.')
  const [bs = '0', bm = '0'] = b.split('.')
  return Number(as) - Number(bs) || Number(am.padEnd(6, '0')) - Number(bm.padEnd(6, '0'))
}
