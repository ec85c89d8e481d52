// Which streams of an account Lull follows: every DM, mention and thread is
// followed from the start; channels and mailboxes are picked here, with a
// filter for workspaces of a thousand channels. A stream an urgent rule
// names is followed whether picked or not, and says so. GitHub offers two
// views of one inbox (all, or participating only): one is chosen.
import { useMemo, useState } from 'react'
import type { Account, AccountStream, UrgentRule } from '../../../shared/model'
import { useServices } from '../../app-context'
import { isNamedByUrgentRule } from '../../engine/polling'
import { Field } from '../../ui/MessageText'

/** The most rows drawn at once; the filter narrows a longer list. */
const shownLimit = 200

export function pickedCount(account: Account): number {
  return account.streams.filter((stream) => stream.isPicked !== false).length
}

export function StreamPicker({ account, rules }: { account: Account; rules: UrgentRule[] }) {
  const { engine } = useServices()
  const [filter, setFilter] = useState('')
  const matching = useMemo(() => {
    const wanted = filter.trim().toLowerCase()
    return account.streams.filter((stream) => stream.name.toLowerCase().includes(wanted))
  }, [account.streams, filter])

  function setPicked(ids: Set<string>, isPicked: boolean) {
    const streams = account.streams.map((stream) => (ids.has(stream.id) ? { ...stream, isPicked } : stream))
    void engine.updateAccount(account.id, { streams })
  }

  if (account.kind === 'github') return <GithubChoice account={account} />
  const shown = matching.slice(0, shownLimit)
  return (
    <details className="stream-picker">
      <summary>
        Choose what to follow ({pickedCount(account)} of {account.streams.length})
      </summary>
      {account.streams.length > 10 ? (
        <label>
          Filter <input value={filter} onChange={(event) => setFilter(event.target.value)} />
        </label>
      ) : null}
      <ul>
        {shown.map((stream) => (
          <li key={stream.id}>
            <label>
              <input
                type="checkbox"
                checked={stream.isPicked !== false}
                onChange={(event) => setPicked(new Set([stream.id]), event.target.checked)}
              />{' '}
              <Field text={stream.name} />
              {stream.isPicked === false && isNamedByUrgentRule(stream, rules) ? (
                <span className="muted"> — followed anyway: an urgent rule names it</span>
              ) : null}
            </label>
          </li>
        ))}
      </ul>
      {matching.length > shown.length ? (
        <p className="muted">
          {matching.length - shown.length} more; type in the filter to find one.{' '}
          <StreamBulk streams={matching} onPick={setPicked} />
        </p>
      ) : null}
    </details>
  )
}

function StreamBulk(props: { streams: AccountStream[]; onPick(ids: Set<string>, isPicked: boolean): void }) {
  const ids = new Set(props.streams.map((stream) => stream.id))
  return (
    <>
      <button type="button" onClick={() => props.onPick(ids, true)}>
        Follow all {props.streams.length}
      </button>{' '}
      <button type="button" onClick={() => props.onPick(ids, false)}>
        Follow none of them
      </button>
    </>
  )
}

function GithubChoice({ account }: { account: Account }) {
  const { engine } = useServices()
  const participating = account.streams.find((stream) => stream.id === 'participating')
  const isParticipatingOnly = participating?.isPicked === true
  function choose(onlyParticipating: boolean) {
    const streams = account.streams.map((stream) => ({
      ...stream,
      isPicked: stream.id === 'participating' ? onlyParticipating : !onlyParticipating,
    }))
    void engine.updateAccount(account.id, { streams })
  }
  if (!participating) return null
  return (
    <fieldset className="stream-picker">
      <legend>Which notifications</legend>
      <label>
        <input type="radio" checked={!isParticipatingOnly} onChange={() => choose(false)} /> All (every
        repository you watch)
      </label>
      <label>
        <input type="radio" checked={isParticipatingOnly} onChange={() => choose(true)} /> Only where you take
        part (mentions, reviews, assignments, your threads)
      </label>
    </fieldset>
  )
}
