// English texts of the call outcome and agent state editors (kept apart from en.ts, which is long).
export const enDispositions = {
  title: 'Call outcomes', new: 'New outcome list', empty: 'No outcome lists yet',
  emptyHint: 'The outcomes agents tag a call with in after-call work: busy, no answer, not interested, callback, deal…',
  keyExists: 'An outcome list with this key already exists.',
  tabs: 'Outcome list views', editTab: 'Design', settings: 'Outcome list', description: 'Description',
  discardNeverPublished: 'This outcome list was never published: discarding the draft deletes it.',
  outcomes: 'Outcomes', add: 'Add outcome',
  hint: 'Agents see the outcomes in this order. The key is what call records store: keep it once calls use it.',
  drag: 'Move {{name}}', remove: 'Remove {{name}}',
  requiresNote: 'Requires a note', requiresNoteHint: 'The agent must write a note with this outcome.',
  asksContactPlan: 'Asks for a contact plan', asksContactPlanHint: 'The agent must give the time of the next contact (a callback).',
  marksInvalid: 'Marks the number invalid', marksInvalidHint: 'The number is recorded as invalid (empty or wrong number).',
  setsField: 'Also write it to the record’s field', setsFieldHint: 'Key of a date-and-time field of the caller’s record (e.g. next_contact); empty: kept on the call only.',
};

export const enAgentStates = {
  title: 'Agent states', new: 'New state list', empty: 'No state lists yet',
  emptyHint: 'The states of an agent’s phone: ready for calls, on a call, after-call work, breaks.',
  keyExists: 'A state list with this key already exists.',
  tabs: 'State list views', editTab: 'Design', settings: 'State list', description: 'Description',
  discardNeverPublished: 'This state list was never published: discarding the draft deletes it.',
  states: 'States', add: 'Add state',
  hint: 'Agents see the states in this order. Exactly one is “ready”; one “busy” and one “after-call work” are needed.',
  drag: 'Move {{name}}', remove: 'Remove {{name}}',
  kind: 'Kind', kind_ready: 'Ready (receives calls)', kind_busy: 'Busy (on a call)', kind_wrapup: 'After-call work', kind_break: 'Break',
  maxSec: 'Max. seconds', maxSecHint: 'Longest time in this state; after it the agent is made ready again. Empty: no limit.',
};
