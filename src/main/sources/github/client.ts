// Octokit as Lull uses it: through the platform's fetch (counted in the
// request ledger, through the system's proxy in the app), with the
// throttling plugin for GitHub's primary and secondary rate limits and the
// retry plugin for server errors. A desktop loop must not sleep inside a
// pull: only short waits are taken; a longer one becomes a "rate-limited"
// answer that says when, and the source asks nothing until then.
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { Octokit } from '@octokit/rest'
import type { GithubPlace } from './base-url'

const LullOctokit = Octokit.plugin(throttling, retry)
export type GithubClient = InstanceType<typeof LullOctokit>

/** A rate limit this short is waited out by the plugin; a longer one is answered as it is. */
const longestWaitSeconds = 3

/**
 * The throttling plugin's Bottleneck groups sweep idle limiters every
 * `timeout / 2` ms, for the life of the process: with its default (2 min),
 * five groups woke main five times a minute with nothing queued. Lull has
 * one limiter per group, nothing to sweep, so the sweep is set as far off
 * as a Node timer allows (2^31 − 1 ms, about 25 days).
 */
const sweepNeverMs = 2 * 2_147_483_647

/** Answers retrying cannot change: a 429 is a rate limit (waited out as one), 406 and 422 refuse the request itself. */
const doNotRetry = [400, 401, 403, 404, 406, 410, 422, 429, 451]

export function createGithubClient(input: {
  token: string
  place: GithubPlace
  fetch: typeof globalThis.fetch
  retryBaseMs: number
}): GithubClient {
  return new LullOctokit({
    auth: input.token,
    baseUrl: input.place.apiUrl,
    userAgent: 'Lull (desktop focus app)',
    // Failures are answered as Lull's own errors, and logged by main without the token.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    request: { fetch: input.fetch },
    retry: { retries: 2, retryAfterBaseValue: input.retryBaseMs, doNotRetry },
    throttle: {
      timeout: sweepNeverMs,
      onRateLimit: (retryAfter, _options, _octokit, retryCount) =>
        retryCount < 1 && retryAfter <= longestWaitSeconds,
      onSecondaryRateLimit: (retryAfter, _options, _octokit, retryCount) =>
        retryCount < 1 && retryAfter <= longestWaitSeconds,
    },
  })
}
