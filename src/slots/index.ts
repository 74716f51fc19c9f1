export { planAddSlot, nextFreeSlot, settingsProblem, slotNotes } from './add-slot.js';
export { planSetSlot, slotToEdit } from './set-slot.js';
export type { SlotChanges, SlotToEdit, SetSlotResult } from './set-slot.js';
export type { SlotSettings, PriorityPlacement, AddSlotResult } from './add-slot.js';
export { treeAfter } from './would-be-tree.js';
export { renderSlotFile } from './slot-template.js';
export { readPriorityState, editPriority } from './priority-edit.js';
export { slotComponents, slotFileName, actualText, variableOf, priorityVariable, slotTokens, EditSet } from './slot-tree.js';
export { SECURITY_PROFILES, INTERFACES, TRANSPORTS, urlProblem, identityProblem, passwordProblem } from './slot-input.js';
export {
  readPriority,
  readSlots,
  readSlot,
  storedValue,
  splitList,
  slotNumberOf,
  CORE_SLOT_VARIABLES,
  SECRET_SLOT_VARIABLES,
  OCPP_INTERFACES,
  OCPP_TRANSPORTS,
} from '../model/slots/read.js';
export type { PriorityRecord, PriorityToken, SlotRecord, SlotProblem, SlotProblemKind, StoredValue } from '../model/slots/read.js';
export { stoi, isPlainInteger } from '../model/slots/stoi.js';
export { readLegacyBlob } from '../model/slots/legacy-blob.js';
export type { LegacyBlob, BlobEntry, BlobOutcome } from '../model/slots/legacy-blob.js';
export { slotView } from '../model/slots/slot-view.js';
export type { SlotView } from '../model/slots/slot-view.js';
export { summarizeSlots, summarizeSlotsAtStart, formatSlotTable } from './slot-summary.js';
export type { SlotSummary } from './slot-summary.js';
export { planRemoveSlot } from './remove-slot.js';
export type { RemoveSlotResult } from './remove-slot.js';
export { planSetPriority, parsePriorityList } from './set-priority.js';
export { planMigrate, decideMigration, treeMigrationSource, formatMigrationReport } from './migrate.js';
export type { MigrationResult, MigrationReport, ProfileReport, MigrationOutcome, MigrationSource, MigrationDecision } from './migrate.js';
