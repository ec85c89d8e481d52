// Digest: one check-in's items as one keyboard list, under a header for
// each source and place, one row per conversation; whoever waits on a reply
// first, oldest first. Items done stay in the list, dimmed, so the check-in
// reads as worked through. A check-in can deliver tens of thousands of
// items, so the list draws a few hundred rows and more as it scrolls.
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useRef, useState } from 'react'
import { checkInLine, groupInOrder } from '../../../shared/policy'
import { useServices } from '../../app-context'
import { type DigestPage, readDigestPage } from '../../db/item-queries'
import { useAttention } from '../../hooks/use-attention'
import { useSetAside } from '../../hooks/use-set-aside'
import { useUi } from '../../store'
import { formatWhen } from '../../ui/format'
import { digestGroups, isRowDone, rowsOf } from '../../ui/list/rows'
import { TriageList } from '../../ui/list/TriageList'
import { PageHeader } from '../../ui/PageHeader'

const shownPerStep = 300

export function DigestView({ digestId }: { digestId: string | null }) {
  const { db } = useServices()
  const attention = useAttention()
  const [shown, setShown] = useState(shownPerStep)
  const read = useLiveQuery(() => readDigestPage(db, digestId, shown), [db, digestId, shown])
  // While the next part is read, the part already shown stays (and the list keeps its place).
  const last = useRef<DigestPage | undefined>(undefined)
  if (read !== undefined) last.current = read
  const data = read ?? last.current
  useSetAside(data?.bad)
  // Grouping is redone when the items change, not on every tick of the clock.
  const groups = useMemo(() => digestGroups(groupInOrder(data?.items ?? [])), [data])
  const rows = useMemo(() => rowsOf(groups), [groups])
  if (!data || !attention) return <p className="loading">Loading…</p>
  if (!data.digest) return <p className="muted">No check-in yet. Your first digest appears here.</p>
  const done = rows.filter(isRowDone).length
  const conversations = data.digest.conversations ?? rows.length
  // With more still to read, what is done is counted among the rows read so far.
  const doneText = done === 0 ? '' : `, ${done} done${data.hasMore ? ` of the first ${rows.length}` : ''}`
  const progress = `${plural(conversations, 'conversation')}${doneText}`
  return (
    <section className="digest list-view" aria-label="Digest">
      <PageHeader
        title={
          <>
            {data.digest.isWelcomeBack ? 'Welcome back · ' : ''}
            {checkInLine(data.digest.counts, data.digest.conversations)}{' '}
            <span className="muted">· {formatWhen(data.digest.at, attention.zone, attention.now)}</span>
          </>
        }
        titleTestId="digest-title"
        description={
          <span data-testid="digest-progress">{progress} · replies waiting first, then oldest first</span>
        }
        actions={<EarlierDigests current={data.digest.id} zone={attention.zone} now={attention.now} />}
      />
      <TriageList
        listId={`digest:${data.digest.id}`}
        label="Digest"
        testId="digest-list"
        groups={groups}
        keepsDone
        hasMore={data.hasMore}
        onLoadMore={() => setShown((count) => (read === undefined ? count : count + shownPerStep))}
        empty={<p className="muted">This check-in delivered nothing.</p>}
      />
    </section>
  )
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/** The last check-ins, newest first, to go back to one. */
function EarlierDigests(props: { current: string; zone: string; now: number }) {
  const { db } = useServices()
  const navigate = useUi((state) => state.navigate)
  const digests = useLiveQuery(() => db.digests.orderBy('at').reverse().limit(30).toArray(), [db])
  if (!digests || digests.length < 2) return null
  return (
    <label className="earlier-digests">
      Check-in{' '}
      <select
        value={props.current}
        onChange={(event) => navigate({ view: 'digest', digestId: event.target.value })}
      >
        {digests.map((digest) => (
          <option key={digest.id} value={digest.id}>
            {formatWhen(digest.at, props.zone, props.now)} · {digest.itemIds.length} item
            {digest.itemIds.length === 1 ? '' : 's'}
          </option>
        ))}
      </select>
    </label>
  )
}
