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
import { SocketModeClient } from '@slack/socket-mode'
import { z } from 'zod'
import type { WatchHandlers } from '../source'
import { silentLogger } from './client'
import { mentions } from './text'

const MessageEvent = z.object({
  type: z.literal('message'),
  channel: z.string(),
  subtype: z.string().optional(),
  user: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
  message: z.record(z.string(), z.unknown()).optional(),
})
const Envelope = z.object({ event: MessageEvent })

export type EditedMessage = { channel: string; message: Record<string, unknown> }

export function createSocketHub(input: {
  appToken: string
  apiUrl: string
  fetch: typeof globalThis.fetch
  selfId: string
  timeoutMs: number
  /** Whether a reply in this thread concerns the person (a thread they are in). */
  isFollowedThread(channel: string, threadTs: string): boolean
  onEdit(edit: EditedMessage): void
}) {
  const watchers = new Map<string, Set<WatchHandlers>>()
  /** Events heard per stream on this connection; a pull compares it with what it saw. */
  const heard = new Map<string, number>()
  let client: SocketModeClient | null = null
  let opening: Promise<void> | null = null
  let epoch = 0
  let isUp = false

  function wake(stream: string) {
    heard.set(stream, (heard.get(stream) ?? 0) + 1)
    for (const handlers of watchers.get(stream) ?? []) handlers.onChange()
  }

  function route(body: unknown) {
    const parsed = Envelope.safeParse(body)
    if (!parsed.success) return
    const event = parsed.data.event
    if (event.subtype === 'message_changed' && event.message) {
      input.onEdit({ channel: event.channel, message: event.message })
    }
    wake(event.channel)
    const text = event.text ?? (typeof event.message?.text === 'string' ? event.message.text : '')
    if (mentions(text, input.selfId)) wake('mentions')
    const threadTs = event.thread_ts
    if (threadTs && (event.user === input.selfId || input.isFollowedThread(event.channel, threadTs)))
      wake('threads')
  }

  function goDown(reason: string, which: SocketModeClient) {
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
    const socket = new SocketModeClient({
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
    })
    client = socket
    socket.on('slack_event', (envelope: { ack: () => Promise<void>; body: unknown }) => {
      // Acknowledge first: Slack resends an envelope that is not acknowledged within a few seconds.
      void envelope.ack().catch(() => {})
      route(envelope.body)
    })
    socket.on('disconnected', () => goDown('the Slack connection closed', socket))
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
