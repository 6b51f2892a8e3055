// What `orisim optimise` is asked for, checked against the study metrics (metrics.ts): the
// objective's metric, and each constraint's metric and value in that metric's unit — days as a
// duration ("5d", "36h") or a number of days, money as a number, a share as a number from 0 to 1
// or a percentage ("2%"), a rate a week as a number. Problems are told at their line in the file.
import * as msg from '../scenario/errors.js';
import type { ScenarioIssue } from '../scenario/errors.js';
import { ScenarioError } from '../scenario/errors.js';
import type { StudySections } from '../scenario/levers.js';
import type { Location } from '../scenario/reader.js';
import { parseTime } from '../scenario/units.js';
import { isStudyMetric, METRIC_INFO, STUDY_METRICS, type StudyMetric } from './metrics.js';
import { groupDigits } from '../scenario/group-digits.js';

export interface Objective {
  readonly metric: StudyMetric;
  readonly sense: 'minimise' | 'maximise';
}

export interface Constraint {
  readonly metric: StudyMetric;
  readonly op: '<=' | '>=';
  readonly bound: number;
  /** As written in the file. */
  readonly text: string;
}

export interface Goals {
  readonly objective: Objective;
  readonly constraints: readonly Constraint[];
}

function issue(at: Location, path: string, message: string, expected = '', found = ''): ScenarioIssue {
  return { file: at.file, line: at.line, column: at.column, path, expected, found, message };
}

/** Shorter names people write (issue 23's among them), pointed at the one set of names: STUDY_METRICS. */
const SHORT_NAMES: Readonly<Record<string, StudyMetric>> = {
  cashPerYear: 'cashCostPerYear',
  totalPerYear: 'totalCostPerYear',
  costOfDelay: 'costOfDelayPerYear',
  leadTimeP85: 'leadTimeP85Days',
  leadTimeP50: 'leadTimeP50Days',
  'leadTime.p85': 'leadTimeP85Days',
  'leadTime.p50': 'leadTimeP50Days',
};

function metricIssue(at: Location, path: string, name: string): ScenarioIssue {
  const suggestion = Object.hasOwn(SHORT_NAMES, name) ? SHORT_NAMES[name] : msg.suggest(name, STUDY_METRICS);
  const hint = suggestion === undefined ? `; the metrics are ${STUDY_METRICS.join(', ')}` : `; did you mean "${suggestion}"?`;
  return issue(at, path, `${msg.expectedGot('a study metric', msg.quoteText(name))}${hint}`, 'a study metric', msg.quoteText(name));
}

const EXPECTED_VALUE: Readonly<Record<(typeof METRIC_INFO)[StudyMetric]['unit'], string>> = {
  days: 'a number of days, or a duration such as 5d or 36h',
  money: 'an amount of money (a number)',
  share: 'a share from 0 to 1, or a percentage such as 2%',
  perWeek: 'a number a week ≥ 0',
};

/** A constraint's value in its metric's unit (days, money, share, a week), or undefined. */
export function constraintValue(metric: StudyMetric, text: string): number | undefined {
  const unit = METRIC_INFO[metric].unit;
  const number = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text) : undefined;
  if (unit === 'days') {
    if (number !== undefined) return number >= 0 ? number : undefined;
    const minutes = parseTime(text, 'duration');
    return minutes === undefined ? undefined : minutes / 1440;
  }
  if (unit === 'share') {
    const pct = /^(\d+(\.\d*)?|\.\d+)\s*%$/.exec(text);
    const share = pct !== null ? Number(pct[1]) / 100 : number;
    return share !== undefined && share >= 0 && share <= 1 ? share : undefined;
  }
  if (unit === 'perWeek') return number !== undefined && number >= 0 ? number : undefined;
  return number;
}

/** The objective and constraints of the study sections; throws ScenarioError (exit 2) with every problem. */
export function readGoals(study: StudySections): Goals {
  const issues: ScenarioIssue[] = [];
  if (study.levers.length === 0) {
    issues.push(issue(study.top, 'levers', `${msg.missingKey('levers')}: orisim optimise needs at least one lever, such as levers: { teams.applicationSupport.people: [2, 3, 4] }`, 'levers', 'nothing'));
  }
  let objective: Objective | undefined;
  if (study.objective === undefined) {
    issues.push(issue(study.top, 'objective', `${msg.missingKey('objective')}: orisim optimise needs one, such as objective: { minimise: cashCostPerYear }`, 'objective', 'nothing'));
  } else if (!isStudyMetric(study.objective.metric)) {
    issues.push(metricIssue(study.objective.at, `objective.${study.objective.sense}`, study.objective.metric));
  } else {
    objective = { metric: study.objective.metric, sense: study.objective.sense };
  }
  const constraints: Constraint[] = [];
  for (const [i, c] of study.constraints.entries()) {
    const path = `constraints[${i}]`;
    if (!isStudyMetric(c.metric)) {
      issues.push(metricIssue(c.at, path, c.metric));
      continue;
    }
    const bound = constraintValue(c.metric, c.value);
    if (bound === undefined) {
      const expected = EXPECTED_VALUE[METRIC_INFO[c.metric].unit];
      issues.push(issue(c.at, path, `${c.metric}: ${msg.expectedGot(expected, msg.quoteText(c.value))}`, expected, msg.quoteText(c.value)));
      continue;
    }
    constraints.push({ metric: c.metric, op: c.op, bound, text: c.text });
  }
  if (issues.length > 0 || objective === undefined) throw new ScenarioError(issues);
  return { objective, constraints };
}

/** Words for a metric's value: "4.2 days", "£1,234,567 a year", "2.0%", "5.1 a week". */
export function metricText(metric: StudyMetric, value: number, currency: string): string {
  if (!Number.isFinite(value)) return '–';
  switch (METRIC_INFO[metric].unit) {
    case 'days':
      return `${value.toFixed(1)} days`;
    case 'money':
      return `${currency} ${groupDigits(Math.round(value))} a year`;
    case 'share':
      return `${(value * 100).toFixed(1)}%`;
    default:
      return `${value.toFixed(1)} a week`;
  }
}

