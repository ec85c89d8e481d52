// The Rules view (being built).
export function RulesView() {
  return <p className="muted">Rules is on its way.</p>
}
