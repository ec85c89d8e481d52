// How often each stream is pulled. Only urgent streams need low latency;
// everything else is pulled slowly in the background, shortly before each
// check-in, and on "check in now" — so a user with many channels stays far
// from the sources' rate limits.
import type { Account, AccountStream, UrgentRule } from '../../shared/model'
import { normalizeChannel } from '../../shared/policy'

export const urgentPollMs = 30_000
export const backgroundPollMs = 5 * 60_000
/** Streams are pulled this long before a check-in, so the digest is fresh. */
export const preCheckInPullMs = 60_000
export const maxBackoffMs = 15 * 60_000

/**
 * A stream is urgent when it can carry an item an urgent rule matches,
 * whatever its source: a Slack channel a rule names; a GitHub notifications
 * stream when a rule names a GitHub reason or a person; a mailbox when a
 * rule names a sender, a subject tag or a person. Urgent streams are
 * watched by push where the source can, otherwise pulled about every 30 s.
 */
export function isUrgentStream(account: Account, stream: AccountStream, rules: UrgentRule[]): boolean {
  const source = stream.source ?? (account.kind === 'sample' ? null : account.kind)
  return rules.some((rule) => {
    if (rule.kind === 'slack-channel') {
      return source === 'slack' && normalizeChannel(rule.channel) === normalizeChannel(stream.name)
    }
    if (source === 'github') return rule.kind === 'github-reason' || rule.kind === 'person'
    if (source === 'email')
      return rule.kind === 'email-sender' || rule.kind === 'subject-tag' || rule.kind === 'person'
    return false
  })
}

/** When to pull a stream next, after a successful pull. */
export function nextPullDelay(input: {
  account: Account
  isUrgent: boolean
  pollAfterMs: number | undefined
  /** A push watch is open on the stream: changes arrive by themselves, so polling only backs it up. */
  isWatched?: boolean
}): number {
  if (input.isWatched) return Math.max(input.pollAfterMs ?? 0, backgroundPollMs)
  if (input.isUrgent) return input.pollAfterMs ?? urgentPollMs
  const floor = input.pollAfterMs ?? 0
  // The sample workspace is local and free to ask: when it hints a pace, keep
  // it lively so a newcomer sees items arrive. Without a hint it is polled
  // like any source.
  if (input.account.kind === 'sample' && input.pollAfterMs !== undefined) return Math.max(floor, 1_000) * 3
  return Math.max(floor, backgroundPollMs)
}

/** After a failure: wait longer each time, up to a ceiling. */
export function backoffDelay(failures: number): number {
  return Math.min(maxBackoffMs, 60_000 * 2 ** Math.max(0, failures - 1))
}
