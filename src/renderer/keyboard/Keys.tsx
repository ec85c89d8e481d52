// Keys as they are shown beside an action: ⇧ E, g then i, Ctrl K.

export function Keys({ shown }: { shown: readonly string[] }) {
  return (
    <span className="keys">
      {shown.map((key) => (
        <kbd key={key}>{key}</kbd>
      ))}
    </span>
  )
}
