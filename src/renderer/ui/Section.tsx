// A titled part of a view: a heading (h2, or h3 inside another section), an
// optional line on what it holds, actions on the right, then its content.
import type { ReactNode } from 'react'

export type SectionProps = {
  title: ReactNode
  description?: ReactNode
  actions?: ReactNode
  /** 2 for a part of the page, 3 for a part of a part. */
  level?: 2 | 3
  /** For aria-labelledby elsewhere and for moving focus to the heading. */
  headingId?: string
  className?: string
  children?: ReactNode
}

export function Section({
  title,
  description,
  actions,
  level = 2,
  headingId,
  className,
  children,
}: SectionProps) {
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <section className={className ? `section ${className}` : 'section'}>
      <div className="section-header">
        <Heading id={headingId}>{title}</Heading>
        {actions ? <div className="section-actions">{actions}</div> : null}
        {description ? <p className="section-description">{description}</p> : null}
      </div>
      {children}
    </section>
  )
}
