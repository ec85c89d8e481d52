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
    // A person reaches you directly in a DM (streams named '@someone') or by a mention.
    if (rule.kind === 'person' && source === 'slack')
      return stream.name.startsWith('@') || stream.id === 'mentions'
    // A keyword can be said anywhere: every Slack stream may carry one.
    if (rule.kind === 'slack-keyword') return source === 'slack'
    if (source === 'github')
      return rule.kind === 'github-reason' || rule.kind === 'github-repository' || rule.kind === 'person'
    if (source === 'email')
      return rule.kind === 'email-sender' || rule.kind === 'subject-tag' || rule.kind === 'person'
    return false
  })
}

/**
 * Background pulls of one account add up to at most two a minute: an
 * account with many streams (a hundred Slack channels) pulls each one more
 * rarely, since what they hold waits for the next check-in anyway and every
 * stream is pulled just before it.
 */
export const backgroundPullsPerMinute = 2

/** How long a non-urgent stream of an account with `streamCount` streams waits between pulls. */
export function backgroundDelay(streamCount: number): number {
  return Math.max(backgroundPollMs, (Math.max(1, streamCount) / backgroundPullsPerMinute) * 60_000)
}

/** When to pull a stream next, after a successful pull. */
export function nextPullDelay(input: {
  account: Account
  isUrgent: boolean
  pollAfterMs: number | undefined
  /** A push watch is open on the stream: changes arrive by themselves, so polling only backs it up. */
  isWatched?: boolean
  /** How many streams of this account are scheduled; 1 when not given. */
  streamCount?: number
}): number {
  const background = backgroundDelay(input.streamCount ?? 1)
  if (input.isWatched) return Math.max(input.pollAfterMs ?? 0, background)
  if (input.isUrgent) return input.pollAfterMs ?? urgentPollMs
  const floor = input.pollAfterMs ?? 0
  // The sample workspace is local and free to ask: when it hints a pace, keep
  // it lively so a newcomer sees items arrive. Without a hint it is polled
  // like any source.
  if (input.account.kind === 'sample' && input.pollAfterMs !== undefined) return Math.max(floor, 1_000) * 3
  return Math.max(floor, background)
}

/** An urgent stream's backoff stops growing here: an outage's end is seen within this. */
export const maxUrgentBackoffMs = 60_000

/**
 * After a failure with no stated time: wait longer each time (15 s, 30 s,
 * 1 min, …), up to a ceiling; an urgent stream's ceiling is a minute, so
 * urgent items are late by at most that after a source comes back.
 */
export function backoffDelay(failures: number, options: { isUrgent?: boolean } = {}): number {
  const ceiling = options.isUrgent ? maxUrgentBackoffMs : maxBackoffMs
  return Math.min(ceiling, 15_000 * 2 ** Math.max(0, failures - 1))
}

/**
 * Whether an urgent rule names this very stream (a Slack channel rule names
 * its channel): such a stream is pulled even when not picked. Rules about a
 * whole account (a GitHub reason, an email sender) only make the picked
 * streams urgent; they do not add the ones the person left out.
 */
export function isNamedByUrgentRule(stream: AccountStream, rules: UrgentRule[]): boolean {
  return rules.some(
    (rule) =>
      rule.kind === 'slack-channel' &&
      stream.source !== 'github' &&
      stream.source !== 'email' &&
      normalizeChannel(rule.channel) === normalizeChannel(stream.name),
  )
}

/** One scheduled stream as the pace estimate sees it. */
export type StreamPace = {
  isUrgent: boolean
  /** A push watch is open on it. */
  isWatched: boolean
  /** The source's own floor (GitHub's X-Poll-Interval), when it gave one. */
  pollAfterMs?: number
}

export type AccountPace = {
  /** Pulls an hour between check-ins; a pull costs about one request when nothing is new. */
  pullsPerHour: number
  /** How late an urgent message can be seen: null when there is no urgent stream. */
  urgentLatencyMs: number | null
  /** Every urgent stream is watched: urgent messages arrive within seconds. */
  isUrgentLive: boolean
}

/**
 * What the schedule above costs an account, for the accounts view: pulls
 * an hour and how late an urgent message can be. The same rules as
 * `nextPullDelay`, summed over the account's streams; the pull of every
 * stream before each check-in comes on top.
 */
export function accountPace(streams: StreamPace[]): AccountPace {
  const hourMs = 60 * 60_000
  let pullsPerHour = 0
  let urgentLatencyMs: number | null = null
  const urgent = streams.filter((stream) => stream.isUrgent)
  for (const stream of streams) {
    const background = Math.max(stream.pollAfterMs ?? 0, backgroundDelay(streams.length))
    const every = stream.isWatched
      ? background
      : stream.isUrgent
        ? (stream.pollAfterMs ?? urgentPollMs)
        : background
    pullsPerHour += hourMs / every
    if (stream.isUrgent && !stream.isWatched)
      urgentLatencyMs = Math.max(urgentLatencyMs ?? 0, stream.pollAfterMs ?? urgentPollMs)
  }
  const isUrgentLive = urgent.length > 0 && urgent.every((stream) => stream.isWatched)
  return { pullsPerHour: Math.round(pullsPerHour), urgentLatencyMs, isUrgentLive }
}
