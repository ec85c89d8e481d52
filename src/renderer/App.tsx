// The first screen: the navigation, the notices (sample workspace, problems
// with their remedies) and the open view under its title, behind an error
// boundary of its own so one view that fails leaves the navigation and the
// other views working.
import { useCallback, useState } from 'react'
import type { ViewTarget } from '../shared/model'
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
import { CommandPalette } from './keyboard/CommandPalette'
import { KeyHelp } from './keyboard/KeyHelp'
import { useAppKeys } from './keyboard/use-keys'
import { AppNav } from './shell/AppNav'
import { Notices } from './shell/Notices'
import { viewNames } from './shell/views'
import { useUi } from './store'
import { ErrorBoundary } from './ui/ErrorBoundary'
import { PageHeaderClaim, PageHeaderView } from './ui/PageHeader'
import { Toaster } from './ui/toast/Toaster'

export function App() {
  const view = useUi((state) => state.view)
  useSetAsideNotice()
  useAppKeys()
  return (
    <div className="app">
      <AppNav current={view.view} />
      <main className="app-main">
        <Notices />
        {/* Keyed by the view, so another view starts at the top and with its failure cleared. */}
        <OpenViewFrame key={view.view} view={view} />
      </main>
      <Toaster />
      <KeyHelp />
      <CommandPalette />
    </div>
  )
}

/** The open view, scrolled on its own, under the view's name until it mounts a PageHeader of its own. */
function OpenViewFrame({ view }: { view: ViewTarget }) {
  const [headers, setHeaders] = useState(0)
  const claim = useCallback((change: 1 | -1) => setHeaders((count) => count + change), [])
  return (
    <div className="app-view">
      <PageHeaderClaim.Provider value={claim}>
        {headers === 0 ? <PageHeaderView title={viewNames[view.view]} /> : null}
        <div className="app-view-body">
          <ErrorBoundary name={view.view === 'item' ? 'item' : viewNames[view.view]}>
            <OpenView view={view} />
          </ErrorBoundary>
        </div>
      </PageHeaderClaim.Provider>
    </div>
  )
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
