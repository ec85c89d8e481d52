// Checkboxes, switches and radios with their label beside them and help
// under the label (read with the control), and a group with its legend.
// A switch acts at once (a setting); a checkbox is part of a form sent later.
import { type ReactNode, useId } from 'react'

type ChoiceProps = {
  label: ReactNode
  help?: ReactNode
  checked: boolean
  onChange(checked: boolean): void
  disabled?: boolean
  className?: string
}

function Choice(props: ChoiceProps & { type: 'checkbox' | 'switch' | 'radio'; name?: string }) {
  const id = useId()
  const helpId = `${id}-help`
  return (
    <div className={props.className ? `choice ${props.className}` : 'choice'}>
      <input
        id={id}
        type={props.type === 'radio' ? 'radio' : 'checkbox'}
        role={props.type === 'switch' ? 'switch' : undefined}
        name={props.name}
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.help ? helpId : undefined}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.help ? (
        <p className="field-help" id={helpId}>
          {props.help}
        </p>
      ) : null}
    </div>
  )
}

export function Checkbox(props: ChoiceProps) {
  return <Choice {...props} type="checkbox" />
}

export function Switch(props: ChoiceProps) {
  return <Choice {...props} type="switch" />
}

/** One of a ChoiceGroup's radios: give them all the same name. */
export function Radio(props: ChoiceProps & { name: string }) {
  return <Choice {...props} type="radio" />
}

/** A set of checkboxes, switches or radios under one legend. */
export function ChoiceGroup(props: {
  legend: ReactNode
  help?: ReactNode
  className?: string
  children: ReactNode
}) {
  const helpId = useId()
  return (
    <fieldset
      className={props.className ? `choice-group ${props.className}` : 'choice-group'}
      aria-describedby={props.help ? helpId : undefined}
    >
      <legend>{props.legend}</legend>
      {props.help ? (
        <p className="field-help" id={helpId}>
          {props.help}
        </p>
      ) : null}
      {props.children}
    </fieldset>
  )
}
