// The cash cost a year of one replication: the money a variant pays for its deployment process —
// staff, licences, the support contract, on-call, out-of-hours work and overtime, setup amortised —
// apart from the cost of delay (value forgone, not paid). Change management, application support
// and the service introduction team are paid for their capacity, busy or idle (people × paid hours
// × rate); the delivery teams, out-of-hours work and the rest as the run cost books them. The rules
// are in docs/metrics-and-costs.md ("Cash cost a year").
import { Calendar } from '../engine/calendar.js';
import { TimeBase } from '../engine/time.js';
import type { CashTally, ReplicationRecord } from '../model/records.js';
import type { Scenario, Variant } from '../scenario/types.js';

/** How a team's part of the cash cost is paid: its capacity (busy or idle), its booked hours (an outsourced team), or not at all (the design has no such team). */
export type StaffBasis = 'capacity' | 'hours' | 'none';

/** The cash cost a year and its parts (each a year; `total` is the sum of every part but `notCounted`). */
export interface CashCost {
  total: number;
  /** Staff: the three teams' capacity (or hours, see staffBasis) and the delivery teams' hours on the process. */
  staff: { changeManagement: number; applicationSupport: number; serviceIntroduction: number; deliveryTeams: number };
  staffBasis: { changeManagement: StaffBasis; applicationSupport: StaffBasis; serviceIntroduction: StaffBasis };
  /** Application support's out-of-hours work at the premium (windows and the emergency on-call engineer) up to a window's end. */
  outOfHours: number;
  /** The same work past a window's end. */
  overtime: number;
  /** CAB meetings (attendees × duration × rate, deciding or not) and emergency approvals. */
  cab: number;
  /** Change-management licences: per month and per ticket. */
  licences: number;
  /** The outsourced support contract: deployments and rollbacks paid per deployment. */
  supportContract: number;
  /** youBuildItYouRunIt: the teams' on-call standby pay and call-outs. */
  onCall: number;
  /** Setup ÷ costs.setupAmortisationYears. */
  setupAmortised: number;
  /** Left out of the total: application support's capacity taken by its other operational work (otherWork.share), the same in every variant. */
  notCounted: { applicationSupportOtherWork: number };
}

/** A year: 52 weeks. */
const WEEKS_PER_YEAR = 52;

/** Money a year for a team's capacity: people × its weekly open hours × 52 × rate (public holidays are paid). */
function capacityPerYear(scenario: Scenario, team: { people: number; hours: readonly string[]; hourlyRate: number }): number {
  const weeklyMinutes = new Calendar(new TimeBase(scenario.start), { open: team.hours }).weeklyOpenMinutes;
  return (team.people * weeklyMinutes * WEEKS_PER_YEAR * team.hourlyRate) / 60;
}

interface Capacities {
  changeManagement: number;
  applicationSupport: number;
  serviceIntroduction: number;
}
const capacityCache = new WeakMap<Scenario, Capacities>();

/** Each shared team's capacity a year (0 for a service introduction team the scenario has not). */
function capacities(scenario: Scenario): Capacities {
  let c = capacityCache.get(scenario);
  if (c === undefined) {
    const { changeManagement, applicationSupport, serviceIntroduction } = scenario.teams;
    c = {
      changeManagement: capacityPerYear(scenario, changeManagement),
      applicationSupport: capacityPerYear(scenario, applicationSupport),
      serviceIntroduction: serviceIntroduction === undefined ? 0 : capacityPerYear(scenario, serviceIntroduction),
    };
    capacityCache.set(scenario, c);
  }
  return c;
}

/** How each shared team is paid in `variant`: You Build It You Run It has none of them; a contract makes application support paid by the hour. */
export function staffBasis(scenario: Scenario, variant: Variant): CashCost['staffBasis'] {
  if (variant === 'youBuildItYouRunIt') return { changeManagement: 'none', applicationSupport: 'none', serviceIntroduction: 'none' };
  return {
    changeManagement: 'capacity',
    applicationSupport: scenario.teams.applicationSupport.contract === undefined ? 'capacity' : 'hours',
    serviceIntroduction: scenario.teams.serviceIntroduction === undefined ? 'none' : 'capacity',
  };
}

/**
 * The cash cost a year of one replication, from its record: the parts its run cost books (× `scale`,
 * the counted period to 52 weeks), each shared team's capacity where it is paid so (its booked hours
 * then left out: they are part of it), application support's capacity less its other work's share,
 * and setup amortised.
 */
export function cashCostPerYear(scenario: Scenario, variant: Variant, record: Pick<ReplicationRecord, 'cash' | 'setupCost'>, scale: number): CashCost {
  const t: CashTally = record.cash;
  const basis = staffBasis(scenario, variant);
  const cap = capacities(scenario);
  const otherShare = scenario.teams.applicationSupport.otherWork.share;
  const team = (b: StaffBasis, capacity: number, booked: number): number => (b === 'capacity' ? capacity : b === 'hours' ? booked * scale : 0);
  const staff = {
    changeManagement: team(basis.changeManagement, cap.changeManagement, t.changeManagement),
    applicationSupport: team(basis.applicationSupport, cap.applicationSupport * (1 - otherShare), t.applicationSupport),
    serviceIntroduction: team(basis.serviceIntroduction, cap.serviceIntroduction, t.serviceIntroduction),
    deliveryTeams: t.delivery * scale,
  };
  const parts = {
    outOfHours: t.outOfHours * scale,
    overtime: t.overtime * scale,
    cab: t.cab * scale,
    licences: t.licences * scale,
    supportContract: t.contract * scale,
    onCall: t.onCall * scale,
    setupAmortised: record.setupCost / scenario.costs.setupAmortisationYears,
  };
  const total = staff.changeManagement + staff.applicationSupport + staff.serviceIntroduction + staff.deliveryTeams
    + parts.outOfHours + parts.overtime + parts.cab + parts.licences + parts.supportContract + parts.onCall + parts.setupAmortised;
  return { total, staff, staffBasis: basis, ...parts, notCounted: notCounted(scenario) };
}

/** What the cash cost leaves out: application support's capacity taken by its other work, a year. */
export function notCounted(scenario: Scenario): CashCost['notCounted'] {
  return { applicationSupportOtherWork: capacities(scenario).applicationSupport * scenario.teams.applicationSupport.otherWork.share };
}
