// The notices above the open view, one line each: the sample workspace
// while it is on, and the problems Lull reported (which the person
// dismisses). Problems read as warnings: most say what happened and what
// Lull did about it; what needs action now is shown in place, in its view.
import { useLiveQuery } from 'dexie-react-hooks'
import { useServices } from '../app-context'
import { useUi } from '../store'
import { Banner } from '../ui/Banner'
import { Button } from '../ui/Button'

export function Notices() {
  const { db, engine } = useServices()
  const problems = useUi((state) => state.problems)
  const dismiss = useUi((state) => state.dismiss)
  const sample = useLiveQuery(() => db.accounts.get('sample'), [db])
  if (!sample && problems.length === 0) return null
  return (
    <div className="app-notices">
      {sample ? (
        <Banner
          tone="info"
          title="Sample workspace"
          actions={
            <Button size="sm" onClick={() => void engine.setSampleEnabled(false)}>
              Turn off<span className="visually-hidden"> sample workspace</span>
            </Button>
          }
        >
          Its messages are made up, so you can see batching and breakthroughs before connecting an account.
        </Banner>
      ) : null}
      {problems.map((problem) => (
        <Banner key={problem.id} tone="warning" role="alert" onDismiss={() => dismiss(problem.id)}>
          {problem.message}
        </Banner>
      ))}
    </div>
  )
}
