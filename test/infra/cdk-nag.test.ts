import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, disposeAll } from './synth.ts';

afterAll(() => disposeAll());

interface Report {
  pluginReports: Array<{ summary?: { pluginName?: string }; violations?: unknown[] }>;
}

function report(outdir: string): Report {
  return JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as Report;
}

/** Every cdk-nag acknowledgement in the app: construct path, rule and reason. */
function acknowledgements(app: ReturnType<typeof buildTestApp>['app']) {
  const out: Array<{ path: string; rule: string; reason: string }> = [];
  for (const construct of app.node.findAll())
    for (const entry of construct.node.metadata)
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        for (const [rule, reason] of Object.entries(entry.data as Record<string, string>))
          if (rule.includes('AwsSolutions-')) out.push({ path: construct.node.path, rule, reason });
  return out;
}

describe('cdk-nag AwsSolutionsChecks', () => {
  it.each([
    ['dev', {}],
    ['prod', { stage: 'prod' }],
    [
      'dev with alarm email and CORS',
      { alarmEmail: 'ops@example.com', 'taskforge:dev': { api: { corsOrigins: ['https://a.example.com'] } } },
    ],
    ['LocalStack', { target: 'localstack' }],
  ])('finds nothing unacknowledged in the %s stack', (_name, context) => {
    const { app, outdir } = buildTestApp(context);
    expect(() => app.synth()).not.toThrow();
    const failing = report(outdir).pluginReports.filter((r) => (r.violations ?? []).length > 0);
    expect(failing).toEqual([]);
  });

  it('fails the synth on a finding nobody acknowledged', () => {
    const { app, stack } = buildTestApp();
    new sqs.Queue(stack, 'UnencryptedQueueWithoutDlq', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS/);
  });

  it('acknowledges only the expected rules, each with a reason naming its resource', () => {
    const { app } = buildTestApp();
    const acks = acknowledgements(app);
    const rules = new Set(acks.map((a) => a.rule.replace(/^Annotation::/, '')));
    expect([...rules].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-RDS10',
      'AwsSolutions-SMG4',
    ]);
    for (const ack of acks) {
      expect(ack.reason.length, ack.path).toBeGreaterThan(60);
      // Acknowledged on the resource itself, never on the stack or app.
      expect(ack.path.split('/').length, ack.path).toBeGreaterThan(1);
    }
    for (const ack of acks.filter((a) => a.rule.includes('IAM5'))) {
      const id = ack.path.split('/').at(-1)!.replace(/Role$/, '');
      expect(ack.reason.startsWith(`${id}:`), ack.path).toBe(true);
      expect(ack.reason).toContain('X-Ray');
    }
    const apig4 = acks.filter((a) => a.rule.includes('APIG4'));
    for (const ack of apig4) expect(ack.reason).toMatch(/^((GET|POST|PATCH|DELETE) \/|\$default )/);
  });

  it('acknowledges the disabled deletion protection only where the stage disables it', () => {
    const prod = acknowledgements(buildTestApp({ stage: 'prod' }).app);
    expect(prod.some((a) => a.rule.includes('RDS10'))).toBe(false);
  });
});
