// How the email source reaches its server. Pulls, lists and write-backs share
// one signed-in connection per account, kept between them (a sign-in every
// pull cost a login each time, and some servers limit logins per hour): a
// NOOP checks it before it is used again, and a connection that closed, or
// does not answer the NOOP, is replaced once. Verify signs in afresh, since it
// is asked whether the sign-in works now. Each piece of work is one entry in
// the ledger, runs alone on the connection, and is bounded by a deadline that
// its progress restarts.
import { ImapFlow, type ImapFlowOptions, type Logger } from 'imapflow'
import { HostError, type RequestResult } from '../../../shared/contract'
import type { SourceContext } from '../source'
import { clientOptions, errorTrap, type ImapPlace } from './connect'
import { type ImapErrorLike, rateLimited, rateLimitWait, timedOut, toHostError } from './errors'
import {
  isCertificateFailure,
  normalizeFingerprint,
  readServerCertificate,
  type ServerCertificate,
  tlsOptions,
  unreadableCertificate,
  untrustedCertificate,
} from './tls-trust'

/** A piece of work on a signed-in client; `progress` restarts its deadline, `refusal` says why a command answered `false`. */
export type Work<T> = (
  client: ImapFlow,
  progress: () => void,
  refusal: (what: string) => unknown,
) => Promise<T>

export type ConnectionSettings = {
  place: ImapPlace
  context: SourceContext | undefined
  now: () => number
  /** The TCP and TLS handshake and the server's greeting. */
  connectMs: number
  /** How long work may go without progress. */
  requestMs: number
  /** A kept connection unused this long is logged out (servers may end one idle for 30 min, RFC 3501). */
  keepAliveMs: number
}

export type Connections = {
  /** Connect, sign in, `work`, log out. */
  once<T>(method: string, work: Work<T>): Promise<T>
  /** `work` on the account's kept connection, opened or replaced as needed. */
  kept<T>(method: string, work: Work<T>): Promise<T>
  /** A client with the account's trust (a pinned certificate read first), not yet connected: the watch's. */
  newClient(options: Partial<ImapFlowOptions>, logger?: Logger): Promise<ImapFlow>
  /** The error as Lull shows it; a certificate this computer refused is named, with its fingerprint. */
  failure(error: unknown): Promise<HostError>
  /** Throws while the server asked Lull to slow down. */
  checkPace(): void
  /** Logs the kept connection out; later work signs in for itself and logs out. */
  close(): Promise<void>
}

type Kept = { client: ImapFlow; trap: ReturnType<typeof errorTrap>; isGone: boolean }

/** A deadline to race work against; `arm` (re)starts it, and it calls `onExpire` when it passes. */
function deadline(host: string, onExpire: () => void) {
  let timer: NodeJS.Timeout | undefined
  let expire: (error: HostError) => void = () => {}
  const passed = new Promise<never>((_, reject) => {
    expire = reject
  })
  passed.catch(() => {})
  return {
    passed,
    arm(ms: number) {
      clearTimeout(timer)
      timer = setTimeout(() => {
        expire(timedOut(host, ms))
        onExpire()
      }, ms)
    },
    clear: () => clearTimeout(timer),
  }
}

/** LOGOUT, but never waiting more than a second for a server that does not answer it. */
export async function politeLogout(client: ImapFlow): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 1_000)
  })
  await Promise.race([client.logout().catch(() => {}), late])
  clearTimeout(timer)
  client.close()
}

export function createConnections(settings: ConnectionSettings): Connections {
  const { place, context, now, connectMs, requestMs, keepAliveMs } = settings
  /** No work before this time: the server asked Lull to slow down. */
  let notBefore = 0
  let kept: Kept | null = null
  let expiry: NodeJS.Timeout | undefined
  let queue: Promise<unknown> = Promise.resolve()
  let isClosed = false
  /** The pinned certificate as last read, so a reconnect does not read it again. */
  let pinned: ServerCertificate | null = null

  function checkPace(): void {
    if (now() < notBefore) throw rateLimited(place.host, notBefore, now())
  }

  /** One piece of work at a time on the kept connection, in the order asked. */
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task)
    queue = run.catch(() => {})
    return run
  }

  async function pinnedCertificate(): Promise<ServerCertificate | null> {
    const pin = place.trust.fingerprint ? normalizeFingerprint(place.trust.fingerprint) : null
    if (!pin) return null
    if (pinned) return pinned
    const read = await readServerCertificate(place, connectMs).catch((error: unknown) => {
      throw toHostError(error, place)
    })
    if (read.fingerprint !== pin) throw untrustedCertificate(place, read)
    pinned = read
    return read
  }

  async function newClient(options: Partial<ImapFlowOptions>, logger?: Logger): Promise<ImapFlow> {
    const tls = tlsOptions(place, await pinnedCertificate())
    const base = clientOptions(place, { connectMs, socketMs: requestMs + 5_000 }, logger ?? false, tls)
    return new ImapFlow({ ...base, ...options })
  }

  async function failure(error: unknown): Promise<HostError> {
    if (error instanceof HostError) return error
    if (!isCertificateFailure(error)) return toHostError(error, place)
    // The certificate may have changed since it was pinned: read it afresh.
    pinned = null
    try {
      return untrustedCertificate(place, await readServerCertificate(place, connectMs))
    } catch {
      return unreadableCertificate(place, error)
    }
  }

  /** The error a piece of work ended in, and how the ledger counts it. */
  async function outcomeOf(error: unknown): Promise<{ error: HostError; result: RequestResult }> {
    const wait = rateLimitWait(error as ImapErrorLike)
    if (wait === null) return { error: await failure(error), result: 'error' }
    notBefore = now() + wait * 1000
    return { error: rateLimited(place.host, notBefore, now()), result: 'rate-limited' }
  }

  const refusalOf = (trap: ReturnType<typeof errorTrap>) => (what: string) =>
    trap.last() ??
    new HostError('refused', `The mail server ${place.host} refused to ${what}, without saying why.`)

  async function once<T>(method: string, work: Work<T>): Promise<T> {
    checkPace()
    const trap = errorTrap()
    let client: ImapFlow | null = null
    const limit = deadline(place.host, () => client?.close())
    let result: RequestResult = 'error'
    try {
      // Connecting has its own deadlines in ImapFlow; this one also covers signing in.
      limit.arm(connectMs + requestMs)
      const answer = await Promise.race([
        (async () => {
          const fresh = await newClient({}, trap.logger)
          client = fresh
          // ImapFlow also reports failures as events; unheard, Node would end the process.
          fresh.on('error', () => {})
          await fresh.connect()
          limit.arm(requestMs)
          return work(fresh, () => limit.arm(requestMs), refusalOf(trap))
        })(),
        limit.passed,
      ])
      result = 'ok'
      return answer
    } catch (error) {
      const outcome = await outcomeOf(error)
      result = outcome.result
      throw outcome.error
    } finally {
      limit.clear()
      context?.record(method, result)
      const used = client as ImapFlow | null
      if (used && result === 'ok') await politeLogout(used)
      else used?.close()
    }
  }

  /** Forget the kept connection without a word to the server: its state is not known. */
  function drop(): void {
    clearTimeout(expiry)
    const gone = kept
    kept = null
    if (!gone) return
    gone.isGone = true
    gone.client.close()
  }

  async function release(): Promise<void> {
    clearTimeout(expiry)
    const gone = kept
    kept = null
    if (!gone) return
    if (gone.isGone) gone.client.close()
    else await politeLogout(gone.client)
    gone.isGone = true
  }

  function keepForAWhile(): void {
    clearTimeout(expiry)
    expiry = setTimeout(() => void serially(release), keepAliveMs)
    expiry.unref()
  }

  async function open(): Promise<Kept> {
    const trap = errorTrap()
    // Work keeps it busy, and between pieces of work it is meant to be quiet: only a
    // silence longer than the keep-alive is ImapFlow's to end. Work has its own deadline.
    const client = await newClient({ socketTimeout: keepAliveMs + requestMs }, trap.logger)
    const fresh: Kept = { client, trap, isGone: false }
    const gone = () => {
      fresh.isGone = true
    }
    client.on('error', gone)
    client.on('close', gone)
    kept = fresh
    await client.connect()
    return fresh
  }

  /** Whether the kept connection still answers: a NOOP, given `ms` to come back. */
  async function answers(connection: Kept, ms: number): Promise<boolean> {
    if (connection.isGone || !connection.client.usable) return false
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms)
    })
    const noop = connection.client
      .noop()
      .then(() => !connection.isGone && connection.client.usable)
      .catch(() => false)
    const isAlive = await Promise.race([noop, late])
    clearTimeout(timer)
    return isAlive
  }

  /** The kept connection, checked; a stale one replaced once. */
  async function ready(): Promise<Kept> {
    const known = kept
    if (known && (await answers(known, requestMs))) return known
    drop()
    return open()
  }

  async function onKept<T>(method: string, work: Work<T>): Promise<T> {
    checkPace()
    let result: RequestResult = 'error'
    const limit = deadline(place.host, () => kept?.client.close())
    try {
      // A NOOP that never answers, then a fresh connection and sign-in.
      limit.arm(requestMs + connectMs + requestMs)
      const answer = await Promise.race([
        (async () => {
          const connection = await ready()
          connection.trap.forget()
          limit.arm(requestMs)
          return work(connection.client, () => limit.arm(requestMs), refusalOf(connection.trap))
        })(),
        limit.passed,
      ])
      result = 'ok'
      return answer
    } catch (error) {
      // Whatever state the connection was left in, the next piece of work starts on a fresh one.
      drop()
      const outcome = await outcomeOf(error)
      result = outcome.result
      throw outcome.error
    } finally {
      limit.clear()
      context?.record(method, result)
      if (result === 'ok') keepForAWhile()
    }
  }

  return {
    once,
    // After close, work (a pull already asked for) signs in for itself, so nothing is left open.
    kept: (method, work) => serially(() => (isClosed ? once(method, work) : onKept(method, work))),
    newClient,
    failure,
    checkPace,
    async close() {
      isClosed = true
      await serially(release)
    },
  }
}
