// What the account's schedule costs and gives, in a sentence: pulls an
// hour (about one request each when nothing is new) and how late an urgent
// message can be, so a person who adds a hundred channels or an urgent rule
// sees what it means before a rate limit does.
import type { Account, AccountStream, UrgentRule } from '../../../shared/model'
import type { CursorRow } from '../../db/schema'
import type { StreamHealth } from '../../db/sync-health'
import { accountPace, isUrgentStream } from '../../engine/polling'

export function paceSentence(account: Account, pace: ReturnType<typeof accountPace>): string {
  const pulls = `About ${pace.pullsPerHour} pull${pace.pullsPerHour === 1 ? '' : 's'} an hour between check-ins (each about one request when nothing is new), plus one of every followed stream just before each check-in.`
  if (pace.isUrgentLive) return `${pulls} Urgent messages arrive within seconds: Lull hears of them live.`
  if (pace.urgentLatencyMs === null) return `${pulls} No urgent rule applies here, so nothing breaks through.`
  const seconds = Math.round(pace.urgentLatencyMs / 1000)
  const why =
    account.kind === 'github'
      ? ' GitHub asks Lull to wait that long between checks.'
      : account.kind === 'slack'
        ? ' Add an app-level token to hear of them at once.'
        : ''
  return `${pulls} Urgent messages can take up to ${seconds} s to break through.${why}`
}

export function PaceLine(props: {
  account: Account
  followed: AccountStream[]
  health: StreamHealth[]
  cursors: CursorRow[]
  rules: UrgentRule[]
}) {
  const { account } = props
  if (account.isPaused || props.followed.length === 0) return null
  const pace = accountPace(
    props.followed.map((stream) => {
      const pollAfterMs = props.cursors.find((row) => row.stream === stream.id)?.pollAfterMs
      return {
        isUrgent: isUrgentStream(account, stream, props.rules),
        isWatched: props.health.some((entry) => entry.stream === stream.id && entry.isWatched),
        ...(pollAfterMs === undefined ? {} : { pollAfterMs }),
      }
    }),
  )
  // The sample workspace's pace is real pulls of made-up traffic: said so, so it is not read as a cost.
  const sample = account.kind === 'sample' ? 'Sample workspace, made-up traffic: ' : ''
  return (
    <p className="pace meta">
      {sample}
      {paceSentence(account, pace)}
    </p>
  )
}
