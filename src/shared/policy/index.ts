// The attention policy's public face: pure functions of (settings, state,
// now): schedules, focus, deep work, check-ins, the replay, urgency,
// breakthroughs, digests, settings and the tray. Import from here, not from
// the individual files.

export * from './block-merge'
export * from './breakthrough'
export * from './calendar'
export * from './check-in-rows'
export * from './check-in-text'
export {
  type CheckInReason,
  checkInsBetween,
  type DueCheckIn,
  dueCheckIn,
  explainCheckIn,
  nextCheckIn,
  nextCheckInWithReason,
} from './checkins'
export { type DeepWork, deepWorkAt, isAwayAt, nextBlockEdge, nextCalendarEdge } from './deepwork'
export * from './digest'
export * from './dm-reply'
export {
  activeSession,
  endFocus,
  extendFocus,
  type FocusIntent,
  isSessionActive,
  startFocus,
  withFocusIntent,
} from './focus'
export * from './rule-preview'
export * from './running'
export {
  blockIntervalsBetween,
  checkInTimesBetween,
  type Interval,
  localDateText,
  nextRawCheckIn,
  oneOffInstant,
  resolveTimeZone,
  wallTimeText,
} from './schedule'
export * from './settings'
export * from './settings-form'
export { type SimArrival, type SimEvent, type SimOptions, simulate, simulateReplies } from './simulate'
export * from './stats'
export * from './ticks'
export * from './timeline'
export * from './tray'
export * from './urgency'
export * from './week-grid'
