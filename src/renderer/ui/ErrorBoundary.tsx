// Keeps one broken view from blanking the app: what the view threw is shown
// in its place, with a way to try again, and the rest of the app carries on.
import { Component, type ErrorInfo, type ReactNode } from 'react'

type Props = { name: string; children: ReactNode }
type State = { error: Error | null }

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(`[lull] the ${this.props.name} view failed:`, error, info.componentStack)
  }

  private retry = () => this.setState({ error: null })

  override render() {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <section className="view-failure" role="alert" data-testid="view-failure">
        <h2>The {this.props.name} view could not be shown</h2>
        <p>
          It failed with: <code>{error.message}</code>
        </p>
        <p className="muted">
          The other views still work. Try again; if it fails the same way, restart Lull.
        </p>
        <button type="button" className="primary" onClick={this.retry}>
          Try again
        </button>
      </section>
    )
  }
}
