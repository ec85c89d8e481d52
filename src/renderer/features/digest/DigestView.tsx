// Digest: one check-in's items, grouped by source, channel or repository,
// and thread, oldest reply-needed first.
import { useLiveQuery } from 'dexie-react-hooks'
import type { InboxItem } from '../../../shared/model'
import { assembleDigest, checkInLine } from '../../../shared/policy'
import { useServices } from '../../app-context'
import { useAttention } from '../../hooks/use-attention'
import { formatWhen } from '../../ui/format'
import { ItemRow } from '../../ui/ItemRow'

const sourceTitle = { slack: 'Slack', github: 'GitHub', email: 'Email' } as const

export function DigestView({ digestId }: { digestId: string | null }) {
  const { db } = useServices()
  const attention = useAttention()
  const data = useLiveQuery(async () => {
    const digest = digestId ? await db.digests.get(digestId) : await db.digests.orderBy('at').last()
    if (!digest) return { digest: null, items: [] as InboxItem[] }
    const items = (await db.items.bulkGet(digest.itemIds)).filter(
      (item): item is InboxItem => item !== undefined,
    )
    return { digest, items }
  }, [db, digestId])
  if (!data || !attention) return <p className="loading">Loading…</p>
  if (!data.digest) return <p className="muted">No check-in yet. Your first digest appears here.</p>
  const sections = assembleDigest(data.items)
  return (
    <section className="digest" aria-label="Digest">
      <h2 data-testid="digest-title">
        {checkInLine(data.digest.counts)}{' '}
        <span className="muted">· {formatWhen(data.digest.at, attention.zone, attention.now)}</span>
      </h2>
      {sections.map((section) => (
        <section key={section.source} className="digest-source">
          <h3>{sourceTitle[section.source]}</h3>
          {section.groups.map((group) => (
            <div key={group.container} className="digest-group">
              <h4>{group.container}</h4>
              {group.threads.map((thread) => (
                <div key={thread.threadKey} className="digest-thread">
                  {thread.items.map((item) => (
                    <ItemRow key={item.id} item={item} zone={attention.zone} now={attention.now} />
                  ))}
                </div>
              ))}
            </div>
          ))}
        </section>
      ))}
    </section>
  )
}
