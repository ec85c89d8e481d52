// The first screen: navigation, problems with their remedies, the sample
// workspace label, and the open view.
import { useLiveQuery } from 'dexie-react-hooks'
import { useServices } from './app-context'
import { DigestView } from './features/digest/DigestView'
import { InboxView } from './features/inbox/InboxView'
import { ItemView } from './features/inbox/ItemView'
import { NowView } from './features/now/NowView'
import { SettingsView } from './features/settings/SettingsView'
import { useUi } from './store'

const tabs = [
  { label: 'Now', target: { view: 'now' } },
  { label: 'Inbox', target: { view: 'inbox' } },
  { label: 'Digest', target: { view: 'digest', digestId: '' } },
  { label: 'Settings', target: { view: 'settings' } },
] as const

export function App() {
  const { db, engine } = useServices()
  const view = useUi((state) => state.view)
  const navigate = useUi((state) => state.navigate)
  const problems = useUi((state) => state.problems)
  const dismiss = useUi((state) => state.dismiss)
  const sample = useLiveQuery(() => db.accounts.get('sample'), [db])
  return (
    <div className="app">
      <nav className="tabs">
        <span className="brand">Lull</span>
        {tabs.map((tab) => (
          <button
            key={tab.label}
            type="button"
            className={view.view === tab.target.view ? 'active' : ''}
            onClick={() => navigate(tab.target)}
          >
            {tab.label}
          </button>
        ))}
      </nav>
      {sample ? (
        <div className="sample-banner" role="note">
          <span>
            <strong>Sample workspace</strong> — these messages are made up, so you can see batching and
            breakthroughs before connecting an account.
          </span>
          <button type="button" onClick={() => void engine.setSampleEnabled(false)}>
            Turn off sample workspace
          </button>
        </div>
      ) : null}
      {problems.map((problem) => (
        <div key={problem.id} className="problem" role="alert">
          <span>{problem.message}</span>
          <button type="button" onClick={() => dismiss(problem.id)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
      <main>
        {view.view === 'now' ? <NowView /> : null}
        {view.view === 'inbox' ? <InboxView /> : null}
        {view.view === 'digest' ? <DigestView digestId={view.digestId || null} /> : null}
        {view.view === 'item' ? <ItemView itemId={view.itemId} /> : null}
        {view.view === 'settings' ? <SettingsView /> : null}
      </main>
    </div>
  )
}
