// The first screen: navigation, problems with their remedies, the sample
// workspace label, and the open view, behind an error boundary of its own so
// one view that fails leaves the navigation and the other views working.
import { useLiveQuery } from 'dexie-react-hooks'
import type { ViewTarget } from '../shared/model'
import { useServices } from './app-context'
import { AccountsView } from './features/accounts/AccountsView'
import { DigestView } from './features/digest/DigestView'
import { FocusView } from './features/focus/FocusView'
import { InboxView } from './features/inbox/InboxView'
import { ItemView } from './features/inbox/ItemView'
import { NowView } from './features/now/NowView'
import { RulesView } from './features/rules/RulesView'
import { SettingsView } from './features/settings/SettingsView'
import { StatsView } from './features/stats/StatsView'
import { WaitingView } from './features/waiting/WaitingView'
import { useSetAsideNotice } from './hooks/use-set-aside'
import { KeyHelp } from './keyboard/KeyHelp'
import { useAppKeys } from './keyboard/use-keys'
import { useUi } from './store'
import { ErrorBoundary } from './ui/ErrorBoundary'
import { UndoDone } from './ui/UndoDone'

const tabs = [
  { label: 'Now', target: { view: 'now' } },
  { label: 'Waiting', target: { view: 'waiting' } },
  { label: 'Digest', target: { view: 'digest', digestId: '' } },
  { label: 'Inbox', target: { view: 'inbox' } },
  { label: 'Focus', target: { view: 'focus' } },
  { label: 'Rules', target: { view: 'rules' } },
  { label: 'Stats', target: { view: 'stats' } },
  { label: 'Accounts', target: { view: 'accounts' } },
  { label: 'Settings', target: { view: 'settings' } },
] as const

export function App() {
  const { db, engine } = useServices()
  const view = useUi((state) => state.view)
  const navigate = useUi((state) => state.navigate)
  const problems = useUi((state) => state.problems)
  const dismiss = useUi((state) => state.dismiss)
  const sample = useLiveQuery(() => db.accounts.get('sample'), [db])
  useSetAsideNotice()
  useAppKeys()
  return (
    <div className="app">
      <nav className="tabs" aria-label="Views">
        <span className="brand">Lull</span>
        {tabs.map((tab) => (
          <button
            key={tab.label}
            type="button"
            className={view.view === tab.target.view ? 'active' : ''}
            aria-current={view.view === tab.target.view ? 'page' : undefined}
            onClick={() => navigate(tab.target)}
          >
            {tab.label}
          </button>
        ))}
        <button type="button" className="key-hint" onClick={() => useUi.getState().setKeyHelpOpen(true)}>
          Keys <kbd>?</kbd>
        </button>
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
      <UndoDone />
      <KeyHelp />
      <main>
        {/* Keyed by the view, so moving to another view also clears a failure. */}
        <ErrorBoundary key={view.view} name={viewNames[view.view]}>
          <OpenView view={view} />
        </ErrorBoundary>
      </main>
    </div>
  )
}

const viewNames: Record<ViewTarget['view'], string> = {
  now: 'Now',
  inbox: 'Inbox',
  digest: 'Digest',
  item: 'item',
  settings: 'Settings',
  accounts: 'Accounts',
  waiting: 'Waiting',
  focus: 'Focus',
  rules: 'Rules',
  stats: 'Stats',
}

function OpenView({ view }: { view: ViewTarget }) {
  switch (view.view) {
    case 'now':
      return <NowView />
    case 'inbox':
      return <InboxView />
    case 'digest':
      return <DigestView digestId={view.digestId || null} />
    case 'item':
      return <ItemView itemId={view.itemId} />
    case 'settings':
      return <SettingsView />
    case 'accounts':
      return <AccountsView />
    case 'focus':
      return <FocusView />
    case 'rules':
      return <RulesView />
    case 'stats':
      return <StatsView />
    case 'waiting':
      return <WaitingView />
  }
}
