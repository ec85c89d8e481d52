// The Slack source: a person's DMs and group DMs, the channels they watch,
// mentions of them and the threads they are in, from their own workspace's
// internal app (resources/slack-app-manifest.json) with a user token.
// Real time over Socket Mode when the app-level token is given, polling
// otherwise; every stream has its own cursor (a message ts) and is caught
// up with conversations.history after any gap. Focus sets Do Not Disturb
// and a status that says until when. Several workspaces: one account each.
import type { WebClient } from '@slack/web-api'
import { z } from 'zod'
import { type FocusStatus, HostError } from '../../../shared/contract'
import { cleanName } from '../../../shared/display-text'
import { createLog, type Log } from '../../log'
import { fetchOnlyTo } from '../../net'
import type { Source, SourceFactory } from '../source'
import { createSlackClient, slackApiUrl } from './client'
import { type Conversation, createDirectory, type Directory } from './directory'
import { rateLimited, retryAfterOf, toHostError } from './errors'
import { isWorthAnItem, messageToItem, peopleNamedIn, SlackMessage } from './normalize'
import { createReplyPoster } from './reply'
import { retractedMessage } from './retraction'
import { describeScope, requiredScopes } from './scopes'
import { createSocketHub, type HeardChange, type SocketHub } from './socket'
import { readStatus, writeStatus } from './status'

export type SlackSourceOptions = {
  now?: () => number
  /** Where Slack's Web API is when the credentials do not say (tests point it at an emulator). */
  apiUrl?: string
  /** Each request's deadline. */
  requestTimeoutMs?: number
  /** How far back the first pull of a stream reads. */
  firstSyncDays?: number
  /** A stream the socket heard nothing on is still asked this often, in case an event was lost. */
  quietCheckMs?: number
  /** Where the source says what it ignored (Socket Mode envelopes without an event); main's log in the app. */
  log?: Pick<Log, 'info' | 'warn'>
}

/** Messages a history request asks for: each pull is one request of at most this many. */
const historyPage = 200
/** Search results a page (Slack's most). */
const searchPage = 100
/** Threads the "threads" stream follows at once, the most recently active first. */
const followedThreads = 12
/** Edits and deletions heard on the socket, kept until their conversation is next pulled. */
const changeMemory = 500

const Ts = z.string().regex(/^\d{1,12}\.\d{1,6}$/)
/**
 * Where a conversation has read to. `ts` is the newest message given.
 * Slack lists newest first, so a backlog bigger than a page is read from
 * the top down: `latest` bounds the next (older) page and `top` is the
 * newest of the run, which becomes `ts` once the gap is closed. `from` is
 * where the first pull began: nothing older was ever given.
 */
const HistoryCursor = z.object({ ts: Ts, latest: Ts.optional(), top: Ts.optional(), from: Ts.optional() })
/** Mentions come from search, newest first, a page at a time until the last one given. */
const SearchCursor = z.object({
  ts: Ts,
  page: z.number().int().min(2).max(100).optional(),
  top: Ts.optional(),
})
/** Threads followed: [channel, thread ts, last reply given]; `ts` is the newest of the person's own messages seen. */
const ThreadsCursor = z.object({
  ts: Ts,
  threads: z.array(z.tuple([z.string().max(24), Ts, Ts])).max(followedThreads),
})

export function createSlackSourceFactory(options: SlackSourceOptions = {}): SourceFactory {
  const now = options.now ?? Date.now
  return (account, credentials, context) => {
    const token = credentials?.token
    if (!token)
      throw new HostError(
        'invalid-request',
        "Paste the user token (xoxp-…) from your Lull app's OAuth & Permissions page to connect Slack.",
      )
    const apiUrl = slackApiUrl(credentials?.baseUrl || options.apiUrl)
    // The token goes to the account's own API origin only, whatever an answer names.
    const fetch = fetchOnlyTo(context?.fetch ?? globalThis.fetch, apiUrl)
    const timeoutMs = options.requestTimeoutMs ?? 20_000
    const client = createSlackClient({ token, apiUrl, fetch, timeoutMs })
    return createSlackSource({
      accountId: account.id,
      token,
      appToken: credentials?.appToken,
      apiUrl,
      fetch,
      client,
      now,
      timeoutMs,
      firstSyncMs: (options.firstSyncDays ?? 2) * 24 * 60 * 60_000,
      quietCheckMs: options.quietCheckMs ?? 3 * 60 * 60_000,
      log: options.log ?? createLog(),
    })
  }
}

function createSlackSource(input: {
  accountId: string
  token: string
  appToken: string | undefined
  apiUrl: string
  fetch: typeof globalThis.fetch
  client: WebClient
  now: () => number
  timeoutMs: number
  firstSyncMs: number
  quietCheckMs: number
  log: Pick<Log, 'info' | 'warn'>
}): Source {
  const { client, now } = input
  /** No call of a method before this time: Slack asked Lull to wait (its limits are per method). */
  const notBefore = new Map<string, number>()
  let identity: { selfId: string; teamUrl: string; scopes: string[] } | null = null
  /** What the socket heard of messages said before, by `channel:ts`; the last word on each wins. */
  const changes = new Map<string, HeardChange>()
  /** Threads the person started, seen while reading their conversations; the threads stream follows them. */
  const started = new Map<string, [string, string]>()
  /** What each stream's last pull saw of the socket: a pull of the same cursor with nothing heard since costs nothing. */
  const lastPull = new Map<string, { cursor: string; epoch: number; heard: number; at: number }>()
  let followed = new Set<string>()

  async function ask<T>(method: string, call: () => Promise<T>, where?: string): Promise<T> {
    const until = notBefore.get(method) ?? 0
    if (now() < until) throw rateLimited(method, until, now())
    try {
      return await call()
    } catch (error) {
      const wait = retryAfterOf(error)
      if (wait !== null) {
        notBefore.set(method, now() + wait * 1000)
        throw rateLimited(method, now() + wait * 1000, now())
      }
      throw toHostError(error, where ? { method, where } : { method })
    }
  }

  const directory: Directory = createDirectory({ client, ask, now })
  let hub: SocketHub | null = null

  async function whoAmI(): Promise<{
    selfId: string
    teamUrl: string
    user: string
    team: string
    scopes: string[]
  }> {
    const answer = await ask('auth.test', () => client.auth.test())
    const selfId = answer.user_id ?? ''
    const teamUrl = answer.url ?? ''
    if (!selfId || !teamUrl)
      throw new HostError('source-junk', 'Slack answered auth.test without naming you or your workspace.')
    const scopes = answer.response_metadata?.scopes ?? []
    identity = { selfId, teamUrl, scopes }
    return {
      selfId,
      teamUrl,
      user: cleanName(answer.user ?? '') || selfId,
      team: cleanName(answer.team ?? '') || teamUrl,
      scopes,
    }
  }

  async function self(): Promise<{ selfId: string; teamUrl: string; scopes: string[] }> {
    return identity ?? (await whoAmI())
  }

  const replies = createReplyPoster({ client, ask, now, self })

  function socket(): SocketHub | null {
    if (!input.appToken) return null
    hub ??= createSocketHub({
      appToken: input.appToken,
      apiUrl: input.apiUrl,
      fetch: input.fetch,
      selfId: identity?.selfId ?? '',
      timeoutMs: input.timeoutMs,
      now,
      log: input.log,
      isFollowedThread: (channel, threadTs) => followed.has(`${channel}:${threadTs}`),
      onChange: (change) => {
        const key = `${change.channel}:${change.ts}`
        changes.delete(key)
        if (changes.size >= changeMemory) changes.delete(changes.keys().next().value ?? '')
        changes.set(key, change)
      },
    })
    return hub
  }

  /** The same cursor, nothing heard on the socket since, and checked recently: nothing can be new. */
  function isQuiet(stream: string, cursorText: string | null): boolean {
    const last = lastPull.get(stream)
    const mark = hub?.mark(stream)
    if (!last || !mark || cursorText === null) return false
    return (
      last.cursor === cursorText &&
      last.epoch === mark.epoch &&
      last.heard === mark.heard &&
      now() - last.at < input.quietCheckMs &&
      ![...changes.keys()].some((key) => key.startsWith(`${stream}:`))
    )
  }

  function remember(
    stream: string,
    before: { epoch: number; heard: number } | null,
    next: string | null,
    hasMore: boolean,
  ) {
    const after = hub?.mark(stream)
    // Only a pull read to its end, on a connection that heard nothing meanwhile, vouches for quiet.
    if (
      !before ||
      !after ||
      hasMore ||
      next === null ||
      before.epoch !== after.epoch ||
      before.heard !== after.heard
    ) {
      lastPull.delete(stream)
      return
    }
    lastPull.set(stream, { cursor: next, epoch: after.epoch, heard: after.heard, at: now() })
  }

  function firstTs(): string {
    return ((now() - input.firstSyncMs) / 1000).toFixed(6)
  }

  function parseCursor<T>(schema: z.ZodType<T>, text: string | null): T | null {
    if (text === null) return null
    try {
      const parsed = schema.safeParse(JSON.parse(text))
      if (parsed.success) return parsed.data
    } catch {
      // An unreadable cursor reads as none: the recent window is read again and nothing is stored twice.
    }
    return null
  }

  async function conversationOf(id: string): Promise<Conversation> {
    const found = await directory.conversation(id)
    if (!found)
      throw new HostError(
        'refused',
        `You are not in the Slack conversation ${id} any more (or it was archived). Unpick it in Accounts.`,
      )
    return found
  }

  /** Items from messages, with the people they name looked up first. */
  async function itemsOf(
    messages: unknown[],
    stream: string,
    conversationFor: (raw: SlackMessage) => Promise<Conversation | null>,
  ): Promise<{ items: unknown[]; newest: string | null }> {
    const me = await self()
    const parsed: SlackMessage[] = []
    const junk: unknown[] = []
    for (const raw of messages) {
      const message = SlackMessage.safeParse(raw)
      if (message.success) parsed.push(message.data)
      else junk.push(raw)
    }
    let newest: string | null = null
    for (const message of parsed)
      if (newest === null || Number(message.ts) > Number(newest)) newest = message.ts
    await directory.freshen().catch(() => {})
    await directory.learn(new Set(parsed.flatMap(peopleNamedIn)))
    const items: unknown[] = []
    for (const message of parsed.sort((a, b) => Number(a.ts) - Number(b.ts))) {
      const conversation = await conversationFor(message)
      if (!conversation) continue
      if (
        message.user === me.selfId &&
        (message.thread_ts === undefined || message.thread_ts === message.ts)
      ) {
        started.set(`${conversation.id}:${message.ts}`, [conversation.id, message.ts])
      }
      if (!isWorthAnItem(message, me.selfId, directory)) continue
      items.push(
        messageToItem({
          message,
          conversation,
          accountId: input.accountId,
          stream,
          selfId: me.selfId,
          teamUrl: me.teamUrl,
          directory,
        }),
      )
    }
    // A message Slack sent that Lull cannot read is handed on as it is: the host names it and sets it aside.
    items.push(...junk)
    return { items, newest }
  }

  async function pullConversation(channel: string, cursorText: string | null) {
    const conversation = await conversationOf(channel)
    const given = parseCursor(HistoryCursor, cursorText)
    const cursor = given ?? { ts: firstTs() }
    const where = directory.label(conversation)
    const answer = await ask(
      'conversations.history',
      () =>
        client.conversations.history({
          channel,
          oldest: cursor.ts,
          ...(cursor.latest ? { latest: cursor.latest } : {}),
          limit: historyPage,
          inclusive: false,
        }),
      where,
    )
    const messages: unknown[] = answer.messages ?? []
    // What the socket heard since the last pull: edits come along as the message now reads, deletions as retractions.
    const retracted: SlackMessage[] = []
    for (const [key, change] of [...changes.entries()].filter(([key]) => key.startsWith(`${channel}:`))) {
      changes.delete(key)
      if (change.kind === 'edit') messages.push(change.message)
      else {
        const message = retractedMessage(change, given, (thread) => followed.has(`${channel}:${thread}`))
        if (message) retracted.push(message)
      }
    }
    const { items } = await itemsOf(messages, channel, async () => conversation)
    items.push(...(await retractionItems(retracted, conversation, channel)))
    const page = (answer.messages ?? []).flatMap((raw) => {
      const ts = (raw as { ts?: unknown }).ts
      return typeof ts === 'string' && Ts.safeParse(ts).success ? [ts] : []
    })
    const oldestOfPage = page.reduce<string | null>(
      (low, ts) => (low === null || Number(ts) < Number(low) ? ts : low),
      null,
    )
    const newestOfPage = page.reduce<string | null>(
      (high, ts) => (high === null || Number(ts) > Number(high) ? ts : high),
      null,
    )
    const top = cursor.top ?? newestOfPage ?? undefined
    const from = given ? given.from : cursor.ts
    const hasMore = answer.has_more === true && oldestOfPage !== null
    const next = hasMore
      ? { ts: cursor.ts, latest: oldestOfPage ?? cursor.ts, ...(top ? { top } : {}) }
      : { ts: top ?? cursor.ts }
    return { items, cursor: JSON.stringify(from ? { ...next, from } : next), hasMore }
  }

  async function retractionItems(messages: SlackMessage[], conversation: Conversation, stream: string) {
    if (messages.length === 0) return []
    const me = await self()
    return messages
      .filter((message) => isWorthAnItem(message, me.selfId, directory))
      .map((message) =>
        messageToItem({
          message,
          conversation,
          accountId: input.accountId,
          stream,
          selfId: me.selfId,
          teamUrl: me.teamUrl,
          directory,
          isRetracted: true,
        }),
      )
  }

  async function pullMentions(cursorText: string | null) {
    const me = await self()
    const cursor = parseCursor(SearchCursor, cursorText) ?? { ts: firstTs() }
    const page = cursor.page ?? 1
    const answer = await ask('search.messages', () =>
      client.search.messages({
        query: `<@${me.selfId}>`,
        sort: 'timestamp',
        sort_dir: 'desc',
        count: searchPage,
        page,
      }),
    )
    const matches = answer.messages?.matches ?? []
    const fresh = matches.filter((match) => Number(match.ts ?? 0) > Number(cursor.ts))
    const reachedOld = fresh.length < matches.length
    const pages = answer.messages?.paging?.pages ?? 1
    const { items } = await itemsOf(
      fresh.map((match) => ({ ...match, thread_ts: threadOf(match.permalink) })),
      'mentions',
      async (message) => {
        const channel = fresh.find((match) => match.ts === message.ts)?.channel
        if (!channel?.id) return null
        // A channel the person is not in is not in their listing; the match names it.
        return (
          (await directory.conversation(channel.id)) ?? {
            id: channel.id,
            kind: channel.is_private ? 'private' : 'channel',
            name: cleanName(channel.name ?? '') || channel.id,
          }
        )
      },
    )
    const newestOfPage = fresh[0]?.ts
    const top = cursor.top ?? newestOfPage
    const hasMore = !reachedOld && page < pages && page < 100 && fresh.length > 0
    const next = hasMore
      ? { ts: cursor.ts, page: page + 1, ...(top ? { top } : {}) }
      : { ts: top ?? cursor.ts }
    return { items, cursor: JSON.stringify(next), hasMore }
  }

  async function pullThreads(cursorText: string | null) {
    const me = await self()
    const cursor = parseCursor(ThreadsCursor, cursorText) ?? { ts: firstTs(), threads: [] }
    // Find the threads the person wrote in since the last look.
    const answer = await ask('search.messages', () =>
      client.search.messages({
        query: `from:<@${me.selfId}>`,
        sort: 'timestamp',
        sort_dir: 'desc',
        count: 20,
      }),
    )
    const threads = new Map<string, [string, string, string]>()
    for (const [channel, ts, last] of cursor.threads) threads.set(`${channel}:${ts}`, [channel, ts, last])
    let seen = cursor.ts
    for (const match of answer.messages?.matches ?? []) {
      const channel = match.channel?.id
      const threadTs = threadOf(match.permalink) ?? match.ts
      if (!channel || !threadTs || !match.ts || Number(match.ts) <= Number(cursor.ts)) continue
      if (Number(match.ts) > Number(seen)) seen = match.ts
      const key = `${channel}:${threadTs}`
      if (!threads.has(key)) threads.set(key, [channel, threadTs, match.ts])
    }
    for (const [key, [channel, ts]] of started) if (!threads.has(key)) threads.set(key, [channel, ts, ts])
    started.clear()
    const items: unknown[] = []
    const kept: Array<[string, string, string]> = []
    const active = [...threads.values()].sort((a, b) => Number(b[2]) - Number(a[2])).slice(0, followedThreads)
    for (const [channel, threadTs, last] of active) {
      const conversation = await directory.conversation(channel)
      if (!conversation) continue
      const replies = await ask(
        'conversations.replies',
        () => client.conversations.replies({ channel, ts: threadTs, oldest: last, limit: 200 }),
        directory.label(conversation),
      )
      const fresh = (replies.messages ?? []).filter(
        (message) => message.ts !== threadTs && Number(message.ts ?? 0) > Number(last),
      )
      const found = await itemsOf(fresh, 'threads', async () => conversation)
      items.push(...found.items)
      kept.push([channel, threadTs, found.newest ?? last])
    }
    followed = new Set(kept.map(([channel, ts]) => `${channel}:${ts}`))
    return { items, cursor: JSON.stringify({ ts: seen, threads: kept }), hasMore: false }
  }

  return {
    async verify() {
      if (input.token.startsWith('xoxb-'))
        throw new HostError(
          'refused',
          "This is a bot token (xoxb-…). Lull reads Slack as you: paste the user token (xoxp-…) from the app's OAuth & Permissions page.",
        )
      const me = await whoAmI()
      // Verifying again is how the person says they changed the app (turned Socket Mode on).
      hub?.forgetSocketModeOff()
      const missing = requiredScopes.filter((scope) => !me.scopes.includes(scope))
      if (me.scopes.length > 0 && missing.length > 0)
        throw new HostError(
          'refused',
          `The Slack token lacks ${missing.map(describeScope).join(', ')}. Create the app from Lull's manifest (it asks for exactly these), reinstall it and paste the new user token.`,
        )
      if (input.appToken) {
        if (!input.appToken.startsWith('xapp-'))
          throw new HostError(
            'invalid-request',
            'The app-level token starts with xapp-. Make one under Basic Information → App-Level Tokens with the connections:write scope, or leave it empty and Lull polls.',
          )
        await ask('apps.connections.open', () =>
          client.apps.connections.open({ token: input.appToken }),
        ).catch((error: HostError) => {
          if (error.code !== 'bad-credentials') throw error
          throw new HostError(
            'bad-credentials',
            'Slack refused the app-level token (xapp-…). Make a new one under Basic Information → App-Level Tokens with the connections:write scope, or leave it empty and Lull polls.',
          )
        })
      }
      return { identity: `${me.user} on ${me.team}` }
    },

    async listStreams() {
      await self()
      await directory.freshen().catch(() => {})
      const conversations = await directory.conversations()
      const direct = conversations.filter((c) => c.kind === 'im' || c.kind === 'mpim')
      const channels = conversations.filter((c) => c.kind === 'channel' || c.kind === 'private')
      return [
        { id: 'mentions', name: 'Mentions of you', source: 'slack' as const },
        { id: 'threads', name: 'Threads you are in', source: 'slack' as const },
        ...direct.map((c) => ({ id: c.id, name: directory.label(c), source: 'slack' as const })),
        // Channels are offered, not picked: the person chooses which to watch.
        ...channels.map((c) => ({
          id: c.id,
          name: directory.label(c),
          source: 'slack' as const,
          isPicked: false,
        })),
      ]
    },

    async pull(stream, cursorText) {
      if (isQuiet(stream, cursorText)) return { items: [], cursor: cursorText }
      const before = hub?.mark(stream) ?? null
      const answer =
        stream === 'mentions'
          ? await pullMentions(cursorText)
          : stream === 'threads'
            ? await pullThreads(cursorText)
            : await pullConversation(stream, cursorText)
      remember(stream, before, answer.cursor, answer.hasMore)
      return answer
    },

    ...(input.appToken
      ? {
          async watch(stream: string, handlers: Parameters<NonNullable<Source['watch']>>[1]) {
            await self()
            const hubNow = socket()
            if (!hubNow) throw new HostError('refused', 'Slack live updates need the app-level token.')
            try {
              return await hubNow.watch(stream, handlers)
            } catch (error) {
              throw toHostError(error, { method: 'apps.connections.open' })
            }
          },
        }
      : {}),

    postReply: (reply) => replies.post(reply),
    deleteReply: (channel, ts) => replies.remove(channel, ts),
    // Asked when the person turns the reply on: auth.test again, so a token reinstalled with the scope is seen.
    checkReplyScope: async () => {
      identity = null
      return replies.check()
    },

    readFocusStatus: (): Promise<FocusStatus> => readStatus({ client, ask, now }),
    writeFocusStatus: (status: FocusStatus) => writeStatus({ client, ask, now }, status),
  }
}

/** The thread a search match sits in, from its permalink (`?thread_ts=…`); search answers carry no thread_ts. */
function threadOf(link: string | undefined): string | undefined {
  if (!link) return undefined
  try {
    return new URL(link).searchParams.get('thread_ts') ?? undefined
  } catch {
    return undefined
  }
}
