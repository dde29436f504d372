import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';

/** One unacknowledged violation from a compliance plugin. */
export interface ComplianceFinding {
  readonly plugin: string;
  readonly rule: string;
  readonly severity: string;
  readonly paths: string[];
}

/**
 * An App with the compliance plugins the library promises to pass: cdk-nag's AwsSolutions,
 * NIST 800-53 R5 and HIPAA packs, and the Control Tower proactive controls through cfn-guard.
 * aws-cdk-lib applies `Validations.of(x).acknowledge(...)` to every plugin's report.
 */
export function complianceApp(props: AppProps = {}): App {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'compliance-'));
  const app = new App({
    ...props,
    outdir,
    context: {
      ...props.context,
      '@aws-cdk/core:validationReportJson': true,
      '@aws-cdk/core:failSynthOnValidationErrors': false,
    },
  });
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app), new NIST80053R5Checks(app), new HIPAASecurityChecks(app), new CfnGuardValidator(),
  );
  return app;
}

/** Synthesizes a `complianceApp` and returns what the plugins still report. */
export function complianceFindings(app: App): ComplianceFinding[] {
  const assembly = app.synth();
  const file = path.join(assembly.directory, 'validation-report.json');
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  return (report.pluginReports ?? []).flatMap((p: any) => (p.violations ?? []).map((v: any) => ({
    plugin: p.pluginName,
    rule: v.ruleName,
    severity: v.severity,
    paths: (v.violatingConstructs ?? []).map((c: any) => c.constructPath),
  })));
}
