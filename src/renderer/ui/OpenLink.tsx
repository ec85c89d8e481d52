// "Open" for an item's link: the host it really goes to beside it, and a
// link that hides its host behind a user part (github.com@evil.example)
// says so plainly and asks once more before anything opens.
import { useState } from 'react'
import { hiddenHostWarning, linkDestination } from '../../shared/link-destination'
import { useServices } from '../app-context'
import { useUi } from '../store'

export function OpenLink({ url }: { url: string }) {
  const { host } = useServices()
  const report = useUi((state) => state.report)
  const [isAsking, setAsking] = useState(false)
  // Computed from the parsed link, so `https://github.com@evil.example/` says evil.example.
  const destination = linkDestination(url)
  const warning = hiddenHostWarning(url)
  const open = () => {
    setAsking(false)
    host.call('link:open-external', { url }).catch((error: Error) => report(error.message))
  }
  if (isAsking && warning) {
    return (
      <span className="link-warning" role="alert">
        {warning}{' '}
        <button type="button" onClick={open}>
          Open {destination ?? 'it'} anyway
        </button>{' '}
        <button type="button" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </span>
    )
  }
  return (
    <button
      type="button"
      onClick={() => (warning ? setAsking(true) : open())}
      data-destination={destination ?? undefined}
    >
      {destination ? `Open · ${destination}` : 'Open'}
    </button>
  )
}
