// One palette for every chart and the HTML report: a variant, a stage, a cost type or a team
// always has the same colour and the same label, whichever chart shows it.
import type { Variant } from '../../scenario/types.js';
import { STAGES, RUN_COST_ITEMS, type OnCallCostItem, type RunCostItem, type Stage } from '../../model/records.js';

export const VARIANT_LABEL: Record<Variant, string> = {
  normal: 'Normal (CAB)',
  preApproved: 'Pre-approved',
  youBuildItYouRunIt: 'You Build It You Run It',
};

export function variantLabel(v: string): string {
  return Object.hasOwn(VARIANT_LABEL, v) ? VARIANT_LABEL[v as Variant] : v;
}

export const VARIANT_COLOUR: Record<Variant, string> = {
  normal: '#1f5f99', // blue
  preApproved: '#e07b00', // orange
  youBuildItYouRunIt: '#2a8c4a', // green
};

/** The variant colour scale, with labels as the domain (what legends and tooltips show). */
export function variantScale(variants: readonly Variant[]): { domain: string[]; range: string[] } {
  return { domain: variants.map((v) => VARIANT_LABEL[v]), range: variants.map((v) => VARIANT_COLOUR[v]) };
}

export const STAGE_LABEL: Record<Stage, string> = {
  request: 'Request (docs, raise)',
  assessment: 'Assessment queue',
  cab: 'Waiting for CAB',
  rework: 'Rework after rejection',
  serviceIntroduction: 'Service introduction',
  handover: 'Handover docs',
  deploymentQueue: 'Deployment queue',
  window: 'Waiting for a window',
  deployment: 'Deploying',
  recovery: 'Rollback and fix',
  validation: 'Validation',
};

export const ACTIVE_LABEL = 'Active work (all stages)';
export const LIVE_LABEL = 'Live (cumulative)';

/** Colours of the stages in process order (waits), plus active work and live. */
const STAGE_COLOURS: Record<Stage, string> = {
  request: '#9ecae9',
  assessment: '#6baed6',
  cab: '#d62728',
  rework: '#ff9896',
  serviceIntroduction: '#ffbb78',
  handover: '#bcbd22',
  deploymentQueue: '#9467bd',
  window: '#8c564b',
  deployment: '#17becf',
  recovery: '#e377c2',
  validation: '#7f7f7f',
};
export const ACTIVE_COLOUR = '#2ca02c';
export const LIVE_COLOUR = '#3a3a3a';

export function stageColour(stage: Stage): string {
  return STAGE_COLOURS[stage];
}

export const STAGE_ORDER: readonly Stage[] = STAGES;

export type CostType = 'setup' | 'run' | 'opportunity';
export const COST_TYPES: readonly CostType[] = ['setup', 'run', 'opportunity'];
export const COST_LABEL: Record<CostType, string> = {
  setup: 'Setup (one-off)',
  run: 'Run (per deployment)',
  opportunity: 'Opportunity (cost of delay)',
};
export const COST_COLOUR: Record<CostType, string> = {
  setup: '#8da0cb',
  run: '#66c2a5',
  opportunity: '#fc8d62',
};

export const RUN_COST_ITEM_LABEL: Record<RunCostItem, string> = {
  changeDocumentation: 'Change documentation',
  assessment: 'Assessment',
  cab: 'CAB meetings',
  licences: 'Licences',
  rework: 'Rework',
  serviceIntroduction: 'Service introduction',
  handover: 'Handover documentation',
  deployment: 'Deployment',
  rollback: 'Rollback',
  fix: 'Fix after failure',
  validation: 'Validation',
};
export const RUN_COST_ITEM_ORDER: readonly RunCostItem[] = RUN_COST_ITEMS;
/** The youBuildItYouRunIt variant's own run-cost items (its teams' on-call rotas). */
export const ON_CALL_COST_ITEM_LABEL: Record<OnCallCostItem, string> = {
  onCallStandby: 'On-call standby pay',
  callOut: 'Out-of-hours call-outs',
};

export type TeamKey = 'delivery' | 'changeManagement' | 'applicationSupport' | 'outOfHoursWindows';
export const TEAMS: readonly TeamKey[] = ['delivery', 'changeManagement', 'applicationSupport', 'outOfHoursWindows'];
export const TEAM_LABEL: Record<TeamKey, string> = {
  delivery: 'Delivery teams',
  changeManagement: 'Change management',
  applicationSupport: 'Application support',
  outOfHoursWindows: 'Out-of-hours windows',
};

/** Text everywhere: the font shipped in src/report/fonts first, common fallbacks for browsers. */
export const FONT = 'DejaVu Sans, Verdana, Arial, sans-serif';
export const TEXT_COLOUR = '#222222';
export const MUTED_COLOUR = '#555555';
