// A view's header: its title (the page's one h1), an optional one-line
// description, and its actions on the right. The shell shows the view's name
// as the h1 until the view mounts a PageHeader of its own, which takes over.
import { createContext, type ReactNode, type Ref, useContext, useLayoutEffect } from 'react'

/** Counts the PageHeaders on screen, so the shell knows when to show its own title. */
export const PageHeaderClaim = createContext<(change: 1 | -1) => void>(() => {})

export type PageHeaderProps = {
  title: ReactNode
  /** One line under the title: what this view is for. */
  description?: ReactNode
  /** Buttons on the right of the title; the view's main action among them. */
  actions?: ReactNode
  /** For tests and for views that move focus to their title. */
  titleTestId?: string
  titleRef?: Ref<HTMLHeadingElement>
}

export function PageHeader(props: PageHeaderProps) {
  const claim = useContext(PageHeaderClaim)
  // Before paint, so the shell's title and this one are never on screen together.
  useLayoutEffect(() => {
    claim(1)
    return () => claim(-1)
  }, [claim])
  return <PageHeaderView {...props} />
}

/** The header as drawn; the shell uses it directly for its stand-in title. */
export function PageHeaderView({ title, description, actions, titleTestId, titleRef }: PageHeaderProps) {
  return (
    <div className="page-header">
      <div className="page-header-text">
        <h1 ref={titleRef} tabIndex={-1} data-testid={titleTestId}>
          {title}
        </h1>
        {description ? <p className="page-header-description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header-actions">{actions}</div> : null}
    </div>
  )
}
