// GitHub's failures as the errors Lull shows: what happened and what to do.
import { HostError } from '../../../shared/contract'

type ErrorLike = {
  status?: number
  message?: string
  name?: string
  response?: { headers?: Record<string, string | undefined> }
}

/** Seconds GitHub asks to wait, from Retry-After or the primary limit's reset; null when it is not a rate limit. */
export function rateLimitWait(error: ErrorLike, now: number): number | null {
  const headers = error.response?.headers ?? {}
  if (error.status !== 403 && error.status !== 429) return null
  const retryAfter = Number(headers['retry-after'])
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && headers['retry-after'] !== undefined)
    return retryAfter
  if (headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset'])
    return Number.isFinite(reset) ? Math.max(1, Math.ceil(reset - now / 1000)) : 60
  }
  return error.status === 429 ? 60 : null
}

export function rateLimited(until: number, now: number): HostError {
  const seconds = Math.max(1, Math.round((until - now) / 1000))
  return new HostError(
    'rate-limited',
    `GitHub asked Lull to wait ${seconds} s (until ${new Date(until).toISOString()}). Lull asks nothing of it until then.`,
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
