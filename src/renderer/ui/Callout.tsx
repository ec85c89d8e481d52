// A message in place, beside what it is about (an account that needs signing
// in again, write-backs that failed), with the action that fixes it.
import { CircleAlert, CircleCheck, Info, TriangleAlert } from 'lucide-react'
import type { ReactNode } from 'react'
import { Icon } from './Icon'

export type CalloutTone = 'info' | 'success' | 'warning' | 'error'

const toneIcon = { info: Info, success: CircleCheck, warning: TriangleAlert, error: CircleAlert }

export function Callout(props: {
  tone: CalloutTone
  children: ReactNode
  actions?: ReactNode
  role?: 'status' | 'alert' | 'note'
  className?: string
}) {
  return (
    <div
      className={`callout callout-${props.tone}${props.className ? ` ${props.className}` : ''}`}
      role={props.role}
    >
      <Icon icon={toneIcon[props.tone]} />
      <div className="callout-body">{props.children}</div>
      {props.actions ? <div className="callout-actions">{props.actions}</div> : null}
    </div>
  )
}
