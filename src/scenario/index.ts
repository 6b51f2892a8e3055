// The scenario package: file → validated, fully defaulted, immutable Scenario.
export type * from './types.js';
export { deliveryGroups } from './types.js';
export { ScenarioError, formatScenarioError, type ScenarioIssue } from './errors.js';
export { scenarioJsonSchema } from './json-schema.js';
export { calendarWarnings } from './calendar-warnings.js';
