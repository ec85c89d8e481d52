// The views the navigation offers, in its order, with their names and icons.
import {
  ChartColumn,
  Hourglass,
  House,
  Inbox,
  ListChecks,
  type LucideIcon,
  Moon,
  Plug,
  Settings,
  Zap,
} from 'lucide-react'
import type { ViewTarget } from '../../shared/model'

export type NavEntry = { label: string; icon: LucideIcon; target: ViewTarget }

export const navEntries: NavEntry[] = [
  { label: 'Now', icon: House, target: { view: 'now' } },
  { label: 'Waiting', icon: Hourglass, target: { view: 'waiting' } },
  { label: 'Digest', icon: ListChecks, target: { view: 'digest', digestId: '' } },
  { label: 'Inbox', icon: Inbox, target: { view: 'inbox' } },
  { label: 'Focus', icon: Moon, target: { view: 'focus' } },
  { label: 'Rules', icon: Zap, target: { view: 'rules' } },
  { label: 'Stats', icon: ChartColumn, target: { view: 'stats' } },
  { label: 'Accounts', icon: Plug, target: { view: 'accounts' } },
  { label: 'Settings', icon: Settings, target: { view: 'settings' } },
]

/** Each view's name: the page title the shell shows until the view shows its own. */
export const viewNames: Record<ViewTarget['view'], string> = {
  now: 'Now',
  inbox: 'Inbox',
  digest: 'Digest',
  item: 'Item',
  settings: 'Settings',
  accounts: 'Accounts',
  waiting: 'Waiting',
  focus: 'Focus',
  rules: 'Rules',
  stats: 'Stats',
}
