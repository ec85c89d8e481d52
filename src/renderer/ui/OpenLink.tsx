// "Open" for an item's link: the host it really goes to beside it, and a
// link that hides its host behind a user part (github.com@evil.example)
// says so plainly and asks once more before anything opens. In a list row
// the button is an icon and the question comes up beside it.
import { ExternalLink } from 'lucide-react'
import { useRef, useState } from 'react'
import { Button, Dialog, Popover } from 'react-aria-components'
import { hiddenHostWarning, linkDestination } from '../../shared/link-destination'
import { useServices } from '../app-context'
import { useUi } from '../store'
import { RowAction } from './list/RowAction'

export function OpenLink({ url, isCompact = false }: { url: string; isCompact?: boolean }) {
  const { host } = useServices()
  const report = useUi((state) => state.report)
  const [isAsking, setAsking] = useState(false)
  const trigger = useRef<HTMLButtonElement>(null)
  // Computed from the parsed link, so `https://github.com@evil.example/` says evil.example.
  const destination = linkDestination(url)
  const warning = hiddenHostWarning(url)
  const label = destination ? `Open · ${destination}` : 'Open'
  const open = () => {
    setAsking(false)
    host.call('link:open-external', { url }).catch((error: Error) => report(error.message))
  }
  const question = warning ? (
    <span className="link-warning" role="alert">
      {warning}{' '}
      <Button className="button" onPress={open}>
        Open {destination ?? 'it'} anyway
      </Button>{' '}
      <Button className="button" onPress={() => setAsking(false)}>
        Cancel
      </Button>
    </span>
  ) : null
  if (!isCompact) {
    if (isAsking && question) return question
    return (
      <Button
        className="button"
        onPress={() => (warning ? setAsking(true) : open())}
        data-destination={destination ?? undefined}
      >
        {label}
      </Button>
    )
  }
  return (
    <>
      <RowAction
        ref={trigger}
        label={label}
        onPress={() => (warning ? setAsking(true) : open())}
        data-destination={destination ?? undefined}
      >
        <ExternalLink size={14} aria-hidden="true" />
        <span className="visually-hidden">{label}</span>
      </RowAction>
      {question ? (
        <Popover
          triggerRef={trigger}
          isOpen={isAsking}
          onOpenChange={setAsking}
          placement="bottom end"
          className="popover"
        >
          <Dialog aria-label="Check this link" className="popover-dialog">
            {question}
          </Dialog>
        </Popover>
      ) : null}
    </>
  )
}
