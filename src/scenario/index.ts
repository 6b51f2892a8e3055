// The scenario package: file → validated, fully defaulted, immutable Scenario.
export type * from './types.js';
export { VARIANTS, deliveryGroups, groupOfTeam } from './types.js';
export { parseWithBases, type LoadOptions, type ScenarioFiles } from './load.js';
export { ScenarioError, formatScenarioError, formatIssue, type ScenarioIssue } from './errors.js';
export { scenarioJsonSchema } from './json-schema.js';
export { calendarWarnings } from './calendar-warnings.js';
export { ScenarioFileSchema, type ScenarioFile } from './schema.js';
export { DEFAULTS, CLASS_DEFAULTS, DEFAULT_CLASSES, SOURCES } from './defaults.js';
export { parseTime, CALENDAR_UNITS, EFFORT_UNITS } from './units.js';
