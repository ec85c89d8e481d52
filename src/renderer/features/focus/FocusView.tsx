// The Focus view (being built).
export function FocusView() {
  return <p className="muted">Focus is on its way.</p>
}
