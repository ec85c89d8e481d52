// How the sample source asks its workspace, the way a real source's HTTP
// client asks its server: it keeps to a rate limit it was given (no request
// before Retry-After), counts each request in the ledger, and turns each
// kind of failure into the HostError a person can act on.
import { HostError, type RequestResult } from '../../../shared/contract'
import type { SourceContext } from '../source'
import type { SampleFaultKind, SampleReply, SampleServer } from './server'

/** A 429 without a Retry-After still waits this long. */
const defaultRetryAfterSeconds = 60

export type SampleClient = {
  /** Send one request; throws the HostError its answer means. `what` names it for messages ("a pull of #general"). */
  ask(method: string, what: string, options?: { isPage?: boolean }): void
}

function waitMessage(retryAt: number, now: number): string {
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000))
  return `The sample workspace asked Lull to wait before asking again (rate limited): ${seconds} s more, until ${new Date(retryAt).toISOString()}. Lull asks again then; there is nothing to do.`
}

/** The error a fault other than a rate limit means. */
function faultError(kind: Exclude<SampleFaultKind, '429'>, what: string): HostError {
  switch (kind) {
    case 'drop':
      return new HostError(
        'source-unreachable',
        `The connection to the sample workspace dropped during ${what}. Nothing past the last whole page was stored; Lull will try again.`,
      )
    case 'timeout':
      return new HostError(
        'source-unreachable',
        `The sample workspace did not answer ${what} in time. Nothing past the last whole page was stored; Lull will try again.`,
      )
    case '5xx':
      return new HostError(
        'source-unreachable',
        `The sample workspace answered ${what} with a server error (503). Nothing past the last whole page was stored; Lull will try again.`,
      )
    case 'malformed':
      return new HostError(
        'source-junk',
        `The sample workspace answered ${what} with a body Lull cannot read. Nothing from it was stored; Lull will try again.`,
      )
  }
}

function resultOf(reply: SampleReply): RequestResult {
  if (reply.kind === 'ok') return 'ok'
  return reply.kind === 'fault' && reply.fault.kind === '429' ? 'rate-limited' : 'error'
}

export function createSampleClient(deps: {
  server: SampleServer
  now: () => number
  context?: SourceContext
}): SampleClient {
  const { server, now, context } = deps
  /** No request leaves before this moment: the workspace's last Retry-After. */
  let retryAt = 0

  return {
    ask(method, what, options = {}) {
      const at = now()
      if (at < retryAt)
        throw new HostError('rate-limited', waitMessage(retryAt, at), { retryAfterMs: retryAt - at })
      const reply = server.receive(options.isPage === true)
      context?.record(method, resultOf(reply))
      if (reply.kind === 'ok') return
      if (reply.kind === 'revoked') {
        throw new HostError(
          'bad-credentials',
          'The sample workspace no longer accepts this sign-in. What Lull stored stays; connect the account again to keep it in sync.',
        )
      }
      if (reply.fault.kind === '429') {
        retryAt = at + (reply.fault.retryAfterSeconds ?? defaultRetryAfterSeconds) * 1000
        throw new HostError('rate-limited', waitMessage(retryAt, at), { retryAfterMs: retryAt - at })
      }
      throw faultError(reply.fault.kind, what)
    },
  }
}
