// The reply Lull sent to this DM during deep work, in the item view: when,
// its words, and "Take back", which deletes it from the DM. A reply that
// failed or was dropped says why.
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import { Button } from 'react-aria-components'
import { useServices } from '../../app-context'
import { formatClock } from '../../ui/format'

export function ReplyLine({ itemId, zone }: { itemId: string; zone: string }) {
  const { db, engine } = useServices()
  const reply = useLiveQuery(() => db.replies.get(itemId), [db, itemId])
  const [note, setNote] = useState<string | null>(null)
  if (!reply) return null
  if (reply.state === 'sent' && reply.sentAt !== null)
    return (
      <p className="item-reply" role="status" data-testid="item-reply">
        You replied at {formatClock(reply.sentAt, zone)}: <q>{reply.text}</q>{' '}
        <Button
          className="button"
          onPress={() =>
            void engine.takeBackReply(itemId).then((outcome) => setNote(outcome.ok ? null : outcome.note))
          }
        >
          Take back
        </Button>
        {note ? <span className="write-back-failed"> {note}</span> : null}
      </p>
    )
  const said =
    reply.state === 'taken-back'
      ? 'You took back the reply Lull sent.'
      : reply.state === 'failed' || reply.state === 'expired'
        ? `Lull did not answer this DM: ${reply.error ?? 'the reply could not be sent.'}`
        : 'Lull is answering this DM with when you will read it.'
  return (
    <p className="muted" role="status" data-testid="item-reply">
      {said}
    </p>
  )
}
