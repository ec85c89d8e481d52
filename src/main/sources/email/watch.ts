// A push watch on one mailbox: a connection of its own idling on it (IMAP
// IDLE), apart from the kept connection pulls use. ImapFlow re-enters IDLE
// after each break and restarts it every few minutes, before servers that
// drop a long IDLE (29 min) would. The times of its pushes tell whether the
// server pushes only on a beat (stock Cyrus: every 60 s), which it says.
import { HostError, type RequestResult } from '../../../shared/contract'
import type { SourceContext, WatchHandlers } from '../source'
import type { ImapPlace } from './connect'
import type { Connections } from './connection'
import { timedOut, toHostError } from './errors'
import { pushBeat, slowPushNote } from './push-beat'

/** Changes that come within this of the last one are the same push (EXISTS and RECENT of one delivery). */
const samePushMs = 1_000

export async function openWatch(input: {
  mailbox: string
  handlers: WatchHandlers
  place: ImapPlace
  connections: Connections
  context: SourceContext | undefined
  connectMs: number
  now: () => number
}): Promise<() => void> {
  const { mailbox, handlers, place, connections, context, connectMs, now } = input
  connections.checkPace()
  let result: RequestResult = 'error'
  let client: Awaited<ReturnType<Connections['newClient']>> | undefined
  const timer = setTimeout(() => client?.close(), connectMs)
  let isClosing = false
  let isDown = false
  try {
    client = await connections.newClient({
      socketTimeout: 5 * 60_000,
      disableAutoIdle: false,
      autoIdleDelay: 50,
      maxIdleTime: 4 * 60_000,
    })
    const open = client
    const down = (reason: string) => {
      if (isClosing || isDown) return
      isDown = true
      handlers.onDown(reason)
      open.close()
    }
    open.on('error', (error: Error) => down(toHostError(error, place).message))
    open.on('close', () => down(`the connection to ${place.host} closed`))
    await open.connect()
    if (!open.capabilities.has('IDLE')) {
      throw new HostError(
        'refused',
        `The mail server ${place.host} cannot tell Lull of new mail (it has no IDLE), so Lull checks ${mailbox} every few minutes instead.`,
      )
    }
    await open.mailboxOpen(mailbox, { readOnly: true })
    // Open means the server is in IDLE and will say when mail arrives, not only that Lull asked.
    void open.idle().catch(() => {})
    if (!(await becomes(() => open.idling, connectMs))) throw timedOut(place.host, connectMs)
    result = 'ok'
  } catch (error) {
    isClosing = true
    client?.close()
    throw await connections.failure(error)
  } finally {
    clearTimeout(timer)
    context?.record('IMAP watch', result)
  }
  const pushes: number[] = []
  let note: string | null = null
  client.on('exists', () => {
    if (isClosing || isDown) return
    const at = now()
    const last = pushes.at(-1)
    if (last === undefined || at - last >= samePushMs) {
      pushes.push(at)
      if (pushes.length > 20) pushes.shift()
      const period = pushBeat(pushes)
      const next = period === null ? null : slowPushNote(period)
      if (next !== note) {
        note = next
        handlers.onNote?.(note)
      }
    }
    handlers.onChange()
  })
  const open = client
  return () => {
    isClosing = true
    open.logout().catch(() => open.close())
  }
}

/** Whether `check` comes true within `ms`, looked at every 10 ms. */
async function becomes(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() >= until) return false
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return true
}
