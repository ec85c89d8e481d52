// GitHub's failures as the errors Lull shows: what happened and what to do.
import { HostError } from '../../../shared/contract'

type ErrorLike = {
  status?: number
  message?: string
  name?: string
  response?: { headers?: Record<string, string | undefined> }
}

/**
 * A rate limit GitHub answered: `primary` when the hour's requests are used
 * up, `secondary` when it asks Lull to slow down (too many at once or too
 * fast), and how many seconds to ask nothing.
 */
export type RateLimit = { kind: 'primary' | 'secondary'; seconds: number }

/** GitHub documents at least a minute's wait after a secondary limit that names no time. */
const secondaryWaitSeconds = 60

/** GitHub's words for a secondary limit (older servers say "abuse detection"). */
const secondaryWords = /secondary rate limit|abuse detection/i

/** The rate limit an error is, from Retry-After, the primary limit's reset or GitHub's words; null when it is not one. */
export function rateLimitOf(error: ErrorLike, now: number): RateLimit | null {
  if (error.status !== 403 && error.status !== 429) return null
  const headers = error.response?.headers ?? {}
  const isSecondary = error.status === 429 || secondaryWords.test(error.message ?? '')
  const isPrimary = headers['x-ratelimit-remaining'] === '0' && !isSecondary
  const retryAfter = Number(headers['retry-after'])
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0)
    return { kind: isPrimary ? 'primary' : 'secondary', seconds: retryAfter }
  if (isPrimary) {
    const reset = Number(headers['x-ratelimit-reset'])
    const seconds = Number.isFinite(reset) ? Math.max(1, Math.ceil(reset - now / 1000)) : 60
    return { kind: 'primary', seconds }
  }
  return isSecondary ? { kind: 'secondary', seconds: secondaryWaitSeconds } : null
}

export function rateLimited(kind: RateLimit['kind'], until: number, now: number): HostError {
  const seconds = Math.max(1, Math.round((until - now) / 1000))
  const when = `${seconds} s (until ${new Date(until).toISOString()})`
  return new HostError(
    'rate-limited',
    kind === 'secondary'
      ? `GitHub asked Lull to slow down. Lull asks nothing of it for ${when}, then goes on more gently.`
      : `GitHub asked Lull to wait ${when}: this account's requests for the hour are used up. Lull asks nothing of it until then.`,
    { retryAfterMs: until - now },
  )
}

export function toHostError(error: unknown, deadlineMs: number): HostError {
  if (error instanceof HostError) return error
  const failure = (error ?? {}) as ErrorLike
  const message = failure.message ?? String(error)
  if (failure.status === 401) {
    return new HostError(
      'bad-credentials',
      'GitHub no longer accepts this token (401). Create a new classic token with the notifications scope and connect the account again.',
    )
  }
  if (failure.status === 403) {
    return new HostError('refused', `GitHub refused the request (403): ${message}. Check the token's scopes.`)
  }
  if (failure.status === 404) {
    return new HostError(
      'source-unreachable',
      'GitHub answered "not found" (404): check the server address, or whether the token can see notifications.',
    )
  }
  if (failure.status === 406) {
    return new HostError(
      'refused',
      `GitHub would not answer in the form Lull asks for (406: ${message}). An older GitHub Enterprise Server may lack what Lull needs; if this is github.com, please report it.`,
    )
  }
  if (failure.status === 422) {
    return new HostError(
      'refused',
      `GitHub turned the request down as invalid (422: ${message}). Nothing was changed; Lull asks again later, and if this goes on, please report it.`,
    )
  }
  if (/abort|timed? ?out/i.test(`${failure.name} ${message}`)) {
    return new HostError(
      'source-unreachable',
      `GitHub gave no answer within ${Math.round(deadlineMs / 1000)} s. Lull tries again later.`,
    )
  }
  if (
    failure.status !== undefined &&
    failure.status >= 500 &&
    !/fetch failed|terminated|socket/i.test(message)
  ) {
    return new HostError(
      'source-unreachable',
      `GitHub had a server error (${failure.status}). Lull tries again later.`,
    )
  }
  return new HostError(
    'source-unreachable',
    `GitHub could not be reached (${message}). Lull tries again later.`,
  )
}
