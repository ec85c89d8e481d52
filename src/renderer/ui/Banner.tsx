// A one-line notice across the top of the content: the sample workspace, a
// problem Lull ran into. A long one shows its first line, ending in "…", and
// a "More" button opens the rest, so a few of them still leave room for the
// view at 800×600. Calm by tone: info (blue), warning (amber) and error (red,
// for what needs the person now).
import { ChevronDown, ChevronUp, CircleAlert, Info, TriangleAlert, X } from 'lucide-react'
import { type ReactNode, useId, useLayoutEffect, useRef, useState } from 'react'
import { Button } from './Button'
import { Icon } from './Icon'

export type BannerTone = 'info' | 'warning' | 'error'

const toneIcon = { info: Info, warning: TriangleAlert, error: CircleAlert }

export type BannerProps = {
  tone: BannerTone
  /** A few words in bold before the detail: "Sample workspace". */
  title?: ReactNode
  children?: ReactNode
  /** Buttons on the right, kept on the first line. */
  actions?: ReactNode
  /** Adds a close button ("Dismiss"). */
  onDismiss?: () => void
  /** "note" for a standing notice, "alert" for a problem just reported, "status" for news. */
  role?: 'note' | 'alert' | 'status'
}

export function Banner({ tone, title, children, actions, onDismiss, role = 'note' }: BannerProps) {
  const [isExpanded, setExpanded] = useState(false)
  const [isCut, setCut] = useState(false)
  const text = useRef<HTMLParagraphElement>(null)
  const textId = useId()
  // Whether the one line cuts the text short: only then is there more to show.
  useLayoutEffect(() => {
    const element = text.current
    if (!element || isExpanded) return
    const measure = () => setCut(element.scrollWidth > element.clientWidth + 1)
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [isExpanded])
  return (
    <div className={`banner banner-${tone}`} data-expanded={isExpanded ? '' : undefined}>
      <span className="banner-icon">
        <Icon icon={toneIcon[tone]} />
      </span>
      {/* The role is on the words alone, so a screen reader announces the notice, not its buttons. */}
      <p className="banner-text" id={textId} ref={text} role={role}>
        {title ? <span className="banner-title">{title}</span> : null}
        {children ? <span className="banner-detail">{children}</span> : null}
      </p>
      <div className="banner-actions">
        {isCut || isExpanded ? (
          <Button
            variant="quiet"
            size="sm"
            icon={isExpanded ? ChevronUp : ChevronDown}
            aria-expanded={isExpanded}
            aria-controls={textId}
            onClick={() => setExpanded(!isExpanded)}
          >
            {isExpanded ? 'Less' : 'More'}
          </Button>
        ) : null}
        {actions}
        {onDismiss ? (
          <Button variant="quiet" size="sm" icon={X} isIconOnly onClick={onDismiss}>
            Dismiss
          </Button>
        ) : null}
      </div>
    </div>
  )
}
