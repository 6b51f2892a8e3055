// Checks each lever value against its field: the scenario is loaded once per value with that value
// set (as --set would), and whatever the loader says about it is told at the value in `levers:`,
// so that "teams.applicationSupport.people: [0, 2]" is refused at the 0 with the loader's message.
import { ScenarioError, type ScenarioIssue } from './errors.js';
import { leverArg, type StudySections } from './levers.js';
import { parseWithBases, type ScenarioFiles } from './load.js';
import { overrideSource } from './overrides.js';

/** The issues of every lever value (the file itself loads: check that first); empty when all suit their fields. */
export function leverValueIssues(text: string, fileName: string, overrides: readonly string[], files: ScenarioFiles, study: StudySections): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  for (const lever of study.levers) {
    if (lever.path === 'variant') continue; // checked by name when the section was read
    for (const [j, value] of lever.values.entries()) {
      const arg = leverArg(lever.path, value);
      try {
        parseWithBases(text, fileName, [...overrides, arg], files);
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        const at = lever.at[j]!;
        const path = lever.range ? `levers.${lever.path}` : `levers.${lever.path}[${j}]`;
        for (const issue of err.issues) {
          const message = issue.file === overrideSource(arg) ? issue.message : `with ${lever.path} = ${JSON.stringify(value)}, ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`;
          issues.push({ ...issue, file: at.file, line: at.line, column: at.column, path, message });
        }
      }
    }
  }
  return issues;
}
