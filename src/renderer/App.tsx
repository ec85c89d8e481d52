// The first screen: the navigation, the notices (sample workspace, problems
// with their remedies) and the open view under its title, behind an error
// boundary of its own so one view that fails leaves the navigation and the
// other views working.
import { lazy, Suspense, useCallback, useState } from 'react'
import type { ViewTarget } from '../shared/model'
import { DigestView } from './features/digest/DigestView'
import { InboxView } from './features/inbox/InboxView'
import { ItemView } from './features/inbox/ItemView'
import { NowView } from './features/now/NowView'
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

/**
 * Views a glance at Lull does not need are loaded when first opened, so the
 * first screen (Now, and the lists a check-in opens) starts from a smaller
 * bundle; Stats alone brings the charting library.
 */
const AccountsView = lazy(() =>
  import('./features/accounts/AccountsView').then((module) => ({ default: module.AccountsView })),
)
const FocusView = lazy(() =>
  import('./features/focus/FocusView').then((module) => ({ default: module.FocusView })),
)
const RulesView = lazy(() =>
  import('./features/rules/RulesView').then((module) => ({ default: module.RulesView })),
)
const SettingsView = lazy(() =>
  import('./features/settings/SettingsView').then((module) => ({ default: module.SettingsView })),
)
const StatsView = lazy(() =>
  import('./features/stats/StatsView').then((module) => ({ default: module.StatsView })),
)

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
            <Suspense fallback={<p className="loading">Loading…</p>}>
              <OpenView view={view} />
            </Suspense>
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
