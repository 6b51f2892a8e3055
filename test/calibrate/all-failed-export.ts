// An export in which every closed normal change failed (12 of 12, one a day from 4 January 2027),
// for the tests of how calibrate clamps a failure rate that would be 1.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes all-failed.csv into `dir`; returns its path. */
export function writeAllFailedExport(dir: string): string {
  const header = 'Number,Type,State,Approval,Risk,Assignment group,Opened,CAB date,Actual start,Actual end,Close code';
  const rows = Array.from({ length: 12 }, (_x, i) => {
    const day = String(i + 4).padStart(2, '0');
    return `CHG${1000 + i},Normal,Closed,Approved,Moderate,Payments,${day}/01/2027 09:00:00,${day}/01/2027 14:00:00,${day}/01/2027 15:00:00,${day}/01/2027 15:30:00,Unsuccessful`;
  });
  const file = join(dir, 'all-failed.csv');
  writeFileSync(file, [header, ...rows].join('\n') + '\n');
  return file;
}
