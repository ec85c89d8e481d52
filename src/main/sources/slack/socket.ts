// One Socket Mode connection per workspace, shared by every watched stream
// of the account. Slack sends the person's message events over it as they
// happen; each envelope is acknowledged at once, and the event wakes the
// streams it concerns (its conversation, "mentions" when it names the
// person, "threads" when it is a reply in a thread they are in). The
// connection does not reconnect by itself: when it drops, or Slack says
// "disconnect" to rotate it, every watch goes down and the platform reopens
// them with backoff and asks for a catch-up pull, so nothing said during
// the gap is lost. While it stays up, the hub also knows which streams have
// heard nothing since their last pull, so those pulls cost no request.
import { z } from 'zod'
import { HostError } from '../../../shared/contract'
import type { Log } from '../../log'
import type { WatchHandlers } from '../source'
import { silentLogger } from './client'
import { eventlessEnvelope, GuardedSocketModeClient } from './socket-client'
import { mentions } from './text'

const MessageEvent = z.object({
  type: z.literal('message'),
  channel: z.string(),
  subtype: z.string().optional(),
  user: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
  deleted_ts: z.string().optional(),
  message: z.record(z.string(), z.unknown()).optional(),
  previous_message: z.record(z.string(), z.unknown()).optional(),
})
const Envelope = z.object({ event: MessageEvent })

/** What was heard of a message said before: its new words, or that its sender took it back. */
export type HeardChange =
  | { kind: 'edit'; channel: string; ts: string; message: Record<string, unknown> }
  | { kind: 'retraction'; channel: string; ts: string; previous: Record<string, unknown> | null }

/** After Slack said Socket Mode is off in the app, the connection is not tried again for this long. */
const socketModeOffPauseMs = 30 * 60_000

export const socketModeOffMessage =
  "Socket Mode is off in your Slack app's settings, so Lull cannot hear messages as they are said (it polls meanwhile). Turn it on at api.slack.com/apps → your Lull app → Socket Mode; Lull tries again every 30 minutes."

export function createSocketHub(input: {
  appToken: string
  apiUrl: string
  fetch: typeof globalThis.fetch
  selfId: string
  timeoutMs: number
  now: () => number
  log: Pick<Log, 'info' | 'warn'>
  /** Whether a reply in this thread concerns the person (a thread they are in). */
  isFollowedThread(channel: string, threadTs: string): boolean
  onChange(change: HeardChange): void
}) {
  const watchers = new Map<string, Set<WatchHandlers>>()
  /** Events heard per stream on this connection; a pull compares it with what it saw. */
  const heard = new Map<string, number>()
  let client: GuardedSocketModeClient | null = null
  let opening: Promise<void> | null = null
  /** A stretch in which every event was heard; a new connection, or events Slack held back, start another. */
  let epoch = 0
  let isUp = false
  /** Slack said "link_disabled": Socket Mode is off in the app's settings. */
  let socketModeOffUntil = Number.NEGATIVE_INFINITY

  function wake(stream: string) {
    heard.set(stream, (heard.get(stream) ?? 0) + 1)
    for (const handlers of watchers.get(stream) ?? []) handlers.onChange()
  }

  function route(body: unknown) {
    const parsed = Envelope.safeParse(body)
    if (!parsed.success) return
    const event = parsed.data.event
    const changed = event.message
    if (event.subtype === 'message_deleted' && event.deleted_ts) {
      input.onChange({
        kind: 'retraction',
        channel: event.channel,
        ts: event.deleted_ts,
        previous: event.previous_message ?? null,
      })
    } else if (event.subtype === 'message_changed' && changed && typeof changed.ts === 'string') {
      // A thread's parent deleted while replies stay is changed into a tombstone.
      input.onChange(
        changed.subtype === 'tombstone'
          ? {
              kind: 'retraction',
              channel: event.channel,
              ts: changed.ts,
              previous: event.previous_message ?? null,
            }
          : { kind: 'edit', channel: event.channel, ts: changed.ts, message: changed },
      )
    }
    wake(event.channel)
    const text = event.text ?? (typeof changed?.text === 'string' ? changed.text : '')
    if (mentions(text, input.selfId)) wake('mentions')
    const threadTs = event.thread_ts
    if (threadTs && (event.user === input.selfId || input.isFollowedThread(event.channel, threadTs)))
      wake('threads')
  }

  function onEventless(envelope: { envelopeId: string | null; payloadType: string | null }) {
    if (envelope.payloadType === 'app_rate_limited') {
      // Slack drops this app's events for the rest of the minute: no stream may count as quiet, all catch up.
      input.log.warn('slack', 'Slack held back events for this app (app_rate_limited); pulling to catch up')
      epoch += 1
      for (const stream of [...watchers.keys()]) wake(stream)
      return
    }
    input.log.info(
      'slack',
      `Slack sent an envelope without an event (${envelope.payloadType ?? 'no payload'}); acknowledged and ignored`,
    )
  }

  function goDown(reason: string, which: GuardedSocketModeClient) {
    if (client !== which) return
    client = null
    opening = null
    isUp = false
    const all = [...watchers.values()].flatMap((set) => [...set])
    watchers.clear()
    for (const handlers of all) handlers.onDown(reason)
  }

  async function open(): Promise<void> {
    if (client && opening) return opening
    if (input.now() < socketModeOffUntil) throw new HostError('refused', socketModeOffMessage)
    let isSocketModeOff = false
    const socket = new GuardedSocketModeClient(
      {
        appToken: input.appToken,
        autoReconnectEnabled: false,
        logger: silentLogger,
        clientOptions: {
          slackApiUrl: input.apiUrl,
          fetch: input.fetch,
          timeout: input.timeoutMs,
          retryConfig: { retries: 0 },
          rejectRateLimitedCalls: true,
        },
      },
      {
        onEventless,
        onDisconnectNotice(reason) {
          if (reason !== 'link_disabled') return
          socketModeOffUntil = input.now() + socketModeOffPauseMs
          isSocketModeOff = true
        },
        onFault(error) {
          input.log.warn('slack', `a Socket Mode frame could not be read: ${String(error).slice(0, 200)}`)
        },
      },
    )
    client = socket
    socket.on('slack_event', (envelope: { ack: () => Promise<void>; type: string; body: unknown }) => {
      // Acknowledge first: Slack resends an envelope that is not acknowledged within a few seconds.
      void envelope.ack().catch(() => {})
      if (envelope.type !== eventlessEnvelope) route(envelope.body)
    })
    socket.on('disconnected', () =>
      goDown(isSocketModeOff ? socketModeOffMessage : 'the Slack connection closed', socket),
    )
    opening = socket.start().then(
      () => {
        epoch += 1
        heard.clear()
        isUp = true
      },
      (error: unknown) => {
        if (client === socket) {
          client = null
          opening = null
        }
        void socket.disconnect().catch(() => {})
        throw error
      },
    )
    return opening
  }

  return {
    async watch(stream: string, handlers: WatchHandlers): Promise<() => void> {
      await open()
      const socket = client
      const set = watchers.get(stream) ?? new Set<WatchHandlers>()
      set.add(handlers)
      watchers.set(stream, set)
      return () => {
        set.delete(handlers)
        if (set.size === 0) watchers.delete(stream)
        if (watchers.size === 0 && socket && client === socket) {
          client = null
          opening = null
          isUp = false
          void socket.disconnect().catch(() => {})
        }
      }
    },
    /** A mark of what this connection has heard on a stream, or null when no connection is up. */
    mark(stream: string): { epoch: number; heard: number } | null {
      return isUp ? { epoch, heard: heard.get(stream) ?? 0 } : null
    },
    /** The account was verified again (the person may have turned Socket Mode on): try it at once. */
    forgetSocketModeOff() {
      socketModeOffUntil = Number.NEGATIVE_INFINITY
    },
    close() {
      const socket = client
      client = null
      opening = null
      isUp = false
      watchers.clear()
      if (socket) void socket.disconnect().catch(() => {})
    },
  }
}

export type SocketHub = ReturnType<typeof createSocketHub>
