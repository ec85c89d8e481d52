// The navigation: a sidebar of icons and names from 1000 px wide, an
// icon-only rail below that (the name shows beside the icon on hover and on
// focus, and is always the button's name for screen readers). Every item
// keeps its size and place whichever view is open: the current one is marked
// by colour and aria-current, never by a bolder, wider font.
import { Keyboard, Waves } from 'lucide-react'
import type { ViewTarget } from '../../shared/model'
import { useUi } from '../store'
import { Icon } from '../ui/Icon'
import { navEntries } from './views'

export function AppNav({ current }: { current: ViewTarget['view'] }) {
  const navigate = useUi((state) => state.navigate)
  const setKeyHelpOpen = useUi((state) => state.setKeyHelpOpen)
  return (
    <nav className="app-nav" aria-label="Views">
      <div className="app-brand">
        <Icon icon={Waves} />
        <span className="app-brand-name">Lull</span>
      </div>
      <ul className="nav-list">
        {navEntries.map((entry) => (
          <li key={entry.label}>
            <button
              type="button"
              className="nav-item"
              aria-current={current === entry.target.view ? 'page' : undefined}
              onClick={() => navigate(entry.target)}
            >
              <Icon icon={entry.icon} />
              <span className="nav-label">{entry.label}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="nav-footer">
        <button type="button" className="nav-item" onClick={() => setKeyHelpOpen(true)}>
          <Icon icon={Keyboard} />
          <span className="nav-label">
            Keys <kbd>?</kbd>
          </span>
        </button>
      </div>
    </nav>
  )
}
