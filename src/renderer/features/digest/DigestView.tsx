// Digest: one check-in's items, grouped by source, channel or repository,
// and thread, oldest reply-needed first. A check-in can deliver tens of
// thousands of items, so the view shows them a few hundred at a time.
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useState } from 'react'
import { assembleDigest, checkInLine, type DigestSection, firstItems } from '../../../shared/policy'
import { useServices } from '../../app-context'
import { readDigest } from '../../db/item-queries'
import { useAttention } from '../../hooks/use-attention'
import { useSetAside } from '../../hooks/use-set-aside'
import { useUi } from '../../store'
import { formatWhen } from '../../ui/format'
import { ItemRow } from '../../ui/ItemRow'

const sourceTitle = { slack: 'Slack', github: 'GitHub', email: 'Email' } as const
const shownPerStep = 300

export function DigestView({ digestId }: { digestId: string | null }) {
  const { db } = useServices()
  const attention = useAttention()
  const [shown, setShown] = useState(shownPerStep)
  const data = useLiveQuery(() => readDigest(db, digestId), [db, digestId])
  useSetAside(data?.bad)
  // Grouping is redone when the items change, not on every tick of the clock.
  const sections = useMemo(() => assembleDigest(data?.items ?? []), [data])
  const visible = useMemo(() => firstItems(sections, shown), [sections, shown])
  if (!data || !attention) return <p className="loading">Loading…</p>
  if (!data.digest) return <p className="muted">No check-in yet. Your first digest appears here.</p>
  const hidden = data.items.length - Math.min(shown, data.items.length)
  return (
    <section className="digest" aria-label="Digest">
      <h2 data-testid="digest-title">
        {checkInLine(data.digest.counts)}{' '}
        <span className="muted">· {formatWhen(data.digest.at, attention.zone, attention.now)}</span>
      </h2>
      <EarlierDigests current={data.digest.id} zone={attention.zone} now={attention.now} />
      <DigestSections
        sections={visible}
        zone={attention.zone}
        now={attention.now}
        replyWindowHours={attention.settings.replyWindowHours}
      />
      {hidden > 0 ? (
        <button type="button" onClick={() => setShown((count) => count + shownPerStep)}>
          Show {Math.min(hidden, shownPerStep)} more of {hidden}
        </button>
      ) : null}
    </section>
  )
}

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

function DigestSections({
  sections,
  zone,
  now,
  replyWindowHours,
}: {
  sections: DigestSection[]
  zone: string
  now: number
  replyWindowHours: number
}) {
  return sections.map((section) => (
    <section key={section.source} className="digest-source">
      <h3>{sourceTitle[section.source]}</h3>
      {section.groups.map((group) => (
        <div key={group.container} className="digest-group">
          <h4>{group.container}</h4>
          {group.threads.map((thread) => (
            <div key={thread.threadKey} className="digest-thread">
              {thread.items.map((item) => (
                <ItemRow
                  key={item.id}
                  item={item}
                  zone={zone}
                  now={now}
                  replyWindowHours={replyWindowHours}
                />
              ))}
            </div>
          ))}
        </div>
      ))}
    </section>
  ))
}
