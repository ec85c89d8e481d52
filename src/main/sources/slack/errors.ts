// Slack's failures as the errors Lull shows: what happened and what to do.
// Slack answers most errors with HTTP 200 and `{ ok: false, error }`; the
// client turns those into WebAPIPlatformError, a 429 into
// WebAPIRateLimitedError (Lull rejects rate-limited calls rather than let
// the client sleep), other statuses into WebAPIHTTPError, and network
// failures into WebAPIRequestError.
import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api'
import { HostError } from '../../../shared/contract'
import { describeScope } from './scopes'

const revoked = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive'])

/** Seconds Slack asked to wait, or null when this is not a rate limit. */
export function retryAfterOf(error: unknown): number | null {
  if (error instanceof WebAPIRateLimitedError) return Math.max(1, error.retryAfter)
  if (error instanceof WebAPIPlatformError && error.data.error === 'ratelimited') return 60
  return null
}

export function rateLimited(method: string, until: number, now: number): HostError {
  const seconds = Math.max(1, Math.round((until - now) / 1000))
  return new HostError(
    'rate-limited',
    `Slack asked Lull to wait ${seconds} s before calling ${method} again (until ${new Date(until).toISOString()}). Lull asks nothing of it until then.`,
  )
}

export function toHostError(error: unknown, context: { method: string; where?: string }): HostError {
  if (error instanceof HostError) return error
  const where = context.where ?? 'this conversation'
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error ?? 'unknown_error'
    // The client reports a body that is not JSON as an error whose code is that body.
    if (!/^[a-z0-9_]{1,64}$/.test(code))
      return new HostError(
        'source-junk',
        `Slack answered ${context.method} with something that is not JSON. Nothing was stored; Lull tries again later.`,
      )
    if (revoked.has(code))
      return new HostError(
        'bad-credentials',
        `Slack no longer accepts this token (${code}). Reinstall Lull's app in your workspace, copy the new user token (xoxp-…) and connect the account again.`,
      )
    if (code === 'missing_scope') {
      const data = error.data as { needed?: unknown }
      const needed = typeof data.needed === 'string' ? data.needed : 'a scope'
      return new HostError(
        'refused',
        `The Slack token lacks ${needed
          .split(',')
          .map((scope: string) => describeScope(scope.trim()))
          .join(
            ', ',
          )}. Add it under OAuth & Permissions (or create the app again from Lull's manifest), reinstall it and paste the new token.`,
      )
    }
    if (code === 'not_in_channel')
      return new HostError(
        'refused',
        `You are no longer a member of ${where}, so Slack does not let Lull read it. Join it again in Slack, or unpick it in Accounts.`,
      )
    if (code === 'channel_not_found')
      return new HostError(
        'refused',
        `Slack has no ${where} any more (it was deleted, or you lost access). Unpick it in Accounts.`,
      )
    return new HostError('refused', `Slack refused ${context.method}: ${code}. Lull tries again later.`)
  }
  if (error instanceof WebAPIHTTPError) {
    const status = error.statusCode
    return new HostError(
      'source-unreachable',
      status >= 500
        ? `Slack answered ${context.method} with a server error (${status}). Nothing was stored; Lull tries again later.`
        : `Slack answered ${context.method} with HTTP ${status}. Nothing was stored; Lull tries again later.`,
    )
  }
  if (error instanceof WebAPIRequestError) {
    const original = error.original as { name?: string; message?: string } | undefined
    const isTimeout = original?.name === 'TimeoutError' || original?.name === 'AbortError'
    return new HostError(
      'source-unreachable',
      isTimeout
        ? `Slack did not answer ${context.method} in time. Nothing was stored; Lull tries again later.`
        : `Lull could not reach Slack (${original?.message ?? 'network error'}). Check the connection; Lull tries again later.`,
    )
  }
  // The answer came, but it is not JSON (a proxy's page, a cut body).
  const failure = (error ?? {}) as { name?: string; message?: string }
  if (failure.name === 'SyntaxError')
    return new HostError(
      'source-junk',
      `Slack answered ${context.method} with something that is not JSON. Nothing was stored; Lull tries again later.`,
    )
  return new HostError(
    'source-unreachable',
    `Slack's answer to ${context.method} broke off (${failure.message ?? String(error)}). Nothing was stored; Lull tries again later.`,
  )
}
