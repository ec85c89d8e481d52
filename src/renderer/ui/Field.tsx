// A form field as every form in Lull lays it out: the label above the
// control, help under it, and the error in place of nothing (never in a
// banner elsewhere), wired for screen readers: the label names the control,
// aria-describedby reads the help and the error, aria-invalid marks it.

import { CircleAlert } from 'lucide-react'
import { cloneElement, type ReactElement, type ReactNode, useId } from 'react'
import { Icon } from './Icon'

/** What the field gives its control; spread onto an <input>, <select> or <textarea>. */
export type FieldControlProps = {
  id: string
  'aria-describedby'?: string
  'aria-invalid'?: true
}

export type FieldProps = {
  label: ReactNode
  /** Under the control: what to type, where to find it. */
  help?: ReactNode
  /** Shown in place, under the control, and read with it. */
  error?: string | null
  /** Adds a dimmed "optional" beside the label (outside it, so the control's name stays the label). */
  isOptional?: boolean
  /** The control: an element the field's id and descriptions are given to, or a function that spreads them. */
  children: ReactElement<FieldControlProps> | ((control: FieldControlProps) => ReactNode)
  className?: string
}

export function Field({ label, help, error, isOptional, children, className }: FieldProps) {
  const id = useId()
  const helpId = `${id}-help`
  const errorId = `${id}-error`
  const describedBy = [error ? errorId : null, help ? helpId : null].filter(Boolean).join(' ')
  const control: FieldControlProps = {
    id,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(error ? { 'aria-invalid': true as const } : {}),
  }
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {isOptional ? <span className="field-optional">optional</span> : null}
      </div>
      {typeof children === 'function' ? children(control) : cloneElement(children, control)}
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          <Icon icon={CircleAlert} size="sm" />
          <span>{error}</span>
        </p>
      ) : null}
      {help ? (
        <p className="field-help" id={helpId}>
          {help}
        </p>
      ) : null}
    </div>
  )
}
