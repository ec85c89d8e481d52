// Which streams of an account Lull follows: every DM, mention and thread is
// followed from the start; channels and mailboxes are picked here, with a
// filter for workspaces of a thousand channels. A stream an urgent rule
// names is followed whether picked or not, and says so. GitHub offers two
// views of one inbox (all, or participating only): one is chosen.

import { ListFilter } from 'lucide-react'
import { useMemo, useState } from 'react'
import type { Account, AccountStream, UrgentRule } from '../../../shared/model'
import { useServices } from '../../app-context'
import { isNamedByUrgentRule } from '../../engine/polling'
import { Button } from '../../ui/Button'
import { Checkbox, ChoiceGroup, Radio } from '../../ui/Choice'
import { Field } from '../../ui/Field'
import { Field as Text } from '../../ui/MessageText'

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
        <ListFilter aria-hidden="true" className="icon icon-sm" strokeWidth={1.75} />
        Choose what to follow
        <span className="chip">
          {pickedCount(account)} of {account.streams.length}
        </span>
      </summary>
      <div className="stream-picker-body">
        {account.streams.length > 10 ? (
          <Field label="Filter">
            <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
          </Field>
        ) : null}
        <ul className="stream-list">
          {shown.map((stream) => (
            <li key={stream.id}>
              <Checkbox
                label={<Text text={stream.name} />}
                help={
                  stream.isPicked === false && isNamedByUrgentRule(stream, rules)
                    ? 'Followed anyway: an urgent rule names it.'
                    : undefined
                }
                checked={stream.isPicked !== false}
                onChange={(checked) => setPicked(new Set([stream.id]), checked)}
              />
            </li>
          ))}
        </ul>
        {matching.length > shown.length ? (
          <div className="stream-more">
            <p className="meta">{matching.length - shown.length} more; type in the filter to find one.</p>
            <StreamBulk streams={matching} onPick={setPicked} />
          </div>
        ) : null}
      </div>
    </details>
  )
}

function StreamBulk(props: { streams: AccountStream[]; onPick(ids: Set<string>, isPicked: boolean): void }) {
  const ids = new Set(props.streams.map((stream) => stream.id))
  return (
    <div className="stream-bulk">
      <Button size="sm" onClick={() => props.onPick(ids, true)}>
        Follow all {props.streams.length}
      </Button>
      <Button size="sm" onClick={() => props.onPick(ids, false)}>
        Follow none of them
      </Button>
    </div>
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
  const name = `github-view-${account.id}`
  return (
    <ChoiceGroup legend="Which notifications" className="stream-picker github-choice">
      <Radio
        name={name}
        label="All (every repository you watch)"
        checked={!isParticipatingOnly}
        onChange={() => choose(false)}
      />
      <Radio
        name={name}
        label="Only where you take part (mentions, reviews, assignments, your threads)"
        checked={isParticipatingOnly}
        onChange={() => choose(true)}
      />
    </ChoiceGroup>
  )
}
