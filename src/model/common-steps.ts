// Steps more than one path takes: the delivery team fixes a failed change; validation (the smoke
// test, then application support accepts the change into service); and a pipeline deployment's or
// rollback's effort and outcome (the pre-approved and You Build It You Run It paths).
import type { ProcessBody } from '../engine/simulation.js';
import type { ChangeInFlight } from './change.js';

/** The delivery team fixes a failed change (stage `recovery`), on its hours. */
export function* fixFailedChange(ch: ChangeInFlight, repeat: boolean): ProcessBody {
  const team = ch.ctx.org.delivery[ch.feature.team]!;
  ch.enter('recovery');
  yield team.request();
  yield ch.work(team, ch.effort('fix', repeat), 'Fix failed change', ch.ctx.rates.deliveryByTeam[ch.feature.team]!, 'fix');
  team.release();
}

/** Validation (stage `validation`), part one: the delivery team smoke-tests the live change. */
export function* smokeTest(ch: ChangeInFlight): ProcessBody {
  const team = ch.ctx.org.delivery[ch.feature.team]!;
  ch.enter('validation');
  yield team.request();
  yield ch.work(team, ch.feature.efforts.validation, 'Validate live change', ch.ctx.rates.deliveryByTeam[ch.feature.team]!, 'validation');
  team.release();
}

/** Validation (stage `validation`): the smoke test, then application support accepts the live change into service. */
export function* validateAndAccept(ch: ChangeInFlight): ProcessBody {
  const { org, rates, sim } = ch.ctx;
  yield* smokeTest(ch);
  yield org.applicationSupport.request();
  yield ch.work(org.applicationSupport, ch.feature.efforts.acceptance, 'Accept into service', rates.applicationSupport, 'validation');
  org.applicationSupport.release();
  ch.rec.validatedAt = sim.now;
}

/** A pipeline deployment's or rollback's effort: the feature's first-pass draw on attempt 0, a fresh draw after. */
export function pipelineEffort(ch: ChangeInFlight, attempt: number, step: 'deployment' | 'rollback'): number {
  if (attempt > 0) return ch.ctx.repeatPipeline(ch.feature, step);
  return step === 'deployment' ? ch.feature.pipelineDeployment : ch.feature.pipelineRollback;
}

/** Whether pipeline deployment `attempt` fails: the feature's first-pass uniform, a fresh one after, against its class's pipeline failure rate. */
export function pipelineFails(ch: ChangeInFlight, attempt: number): boolean {
  const { feature, rec, ctx } = ch;
  if (feature.script) return rec.failedDeployments < feature.script.failures;
  return (attempt === 0 ? feature.uPipelineFail : ctx.repeatUniform('outcome/pipeline')) < feature.cls.spec.preApproved.failureRate;
}
