// A button in one of four kinds: primary (the one main action of a form or
// view), secondary (the default), quiet (toolbar and row actions) and danger
// (a removal, once confirmed), with an optional icon before its words.
import type { ComponentPropsWithRef, ReactNode } from 'react'
import { Icon, type IconType } from './Icon'

export type ButtonVariant = 'primary' | 'secondary' | 'quiet' | 'danger'

export type ButtonProps = Omit<ComponentPropsWithRef<'button'>, 'children'> & {
  variant?: ButtonVariant
  size?: 'sm' | 'md'
  icon?: IconType
  /**
   * With isIconOnly the words are kept for screen readers only (and shown as
   * a tooltip); otherwise they are shown after the icon.
   */
  isIconOnly?: boolean
  children: ReactNode
}

export function Button({
  variant = 'secondary',
  size = 'md',
  icon,
  isIconOnly = false,
  className,
  type = 'button',
  children,
  ...rest
}: ButtonProps) {
  const classes = [
    variant === 'secondary' ? '' : variant,
    size === 'sm' ? 'small' : '',
    isIconOnly ? 'icon-only' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <button
      type={type}
      className={classes || undefined}
      title={isIconOnly && typeof children === 'string' ? children : undefined}
      {...rest}
    >
      {icon ? <Icon icon={icon} size={size === 'sm' ? 'sm' : 'md'} /> : null}
      {isIconOnly ? <span className="visually-hidden">{children}</span> : children}
    </button>
  )
}
