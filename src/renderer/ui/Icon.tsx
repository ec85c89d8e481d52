// An icon from lucide-react at the size of the text beside it, hidden from
// screen readers: the words beside it (or the button's label) say what it is.
import type { LucideIcon } from 'lucide-react'

export type IconType = LucideIcon

export function Icon({ icon: Glyph, size = 'md' }: { icon: IconType; size?: 'sm' | 'md' }) {
  return (
    <Glyph
      aria-hidden="true"
      focusable="false"
      className={size === 'sm' ? 'icon icon-sm' : 'icon'}
      strokeWidth={1.75}
    />
  )
}
