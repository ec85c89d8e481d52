// How often each stream is pulled. Only urgent streams need low latency;
// everything else is pulled slowly in the background, shortly before each
// check-in, and on "check in now" — so a user with many channels stays far
// from the sources' rate limits.
import type { Account, UrgentRule } from '../../shared/model'
import { normalizeChannel } from '../../shared/policy'

export const urgentPollMs = 30_000
export const backgroundPollMs = 5 * 60_000
/** Streams are pulled this long before a check-in, so the digest is fresh. */
export const preCheckInPullMs = 60_000
export const maxBackoffMs = 15 * 60_000

/** A stream is urgent when an urgent Slack-channel rule names it. */
export function isUrgentStream(account: Account, streamName: string, rules: UrgentRule[]): boolean {
  return rules.some(
    (rule) =>
      rule.kind === 'slack-channel' &&
      (account.kind === 'slack' || account.kind === 'sample') &&
      normalizeChannel(rule.channel) === normalizeChannel(streamName),
  )
}

/** When to pull a stream next, after a successful pull. */
export function nextPullDelay(input: {
  account: Account
  isUrgent: boolean
  pollAfterMs: number | undefined
}): number {
  if (input.isUrgent) return input.pollAfterMs ?? urgentPollMs
  const floor = input.pollAfterMs ?? 0
  // The sample workspace is local and free to ask: keep it lively so a newcomer sees items arrive.
  if (input.account.kind === 'sample') return Math.max(floor, 1_000) * 3
  return Math.max(floor, backgroundPollMs)
}

/** After a failure: wait longer each time, up to a ceiling. */
export function backoffDelay(failures: number): number {
  return Math.min(maxBackoffMs, 60_000 * 2 ** Math.max(0, failures - 1))
}
