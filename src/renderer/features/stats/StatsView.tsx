// The Stats view (being built).
export function StatsView() {
  return <p className="muted">Stats is on its way.</p>
}
