import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as cfninc from 'aws-cdk-lib/cloudformation-include';
import { BadInputError, loadTemplate, LoadedTemplate, propertyPath, SourcePosition } from './template';
import { checkStack, FargateCheckOptions } from '../checks/engine';

/** One finding of the command line, with where it is. @internal */
export interface FileFinding {
  readonly file: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly ruleId: string;
  readonly level: 'error' | 'warning';
  readonly property: string;
  readonly message: string;
  readonly position?: SourcePosition;
}

/** A template loaded into a stack of its own, as the rules and the cost report read it. @internal */
export interface IncludedTemplate {
  readonly loaded: LoadedTemplate;
  readonly stack: Stack;
}

/**
 * Loads a template into a stack with `CfnInclude`, so the rules see its resources as they see a CDK app's: parameters
 * not given, imports, conditions and other intrinsics stay tokens. `parameters` replaces the parameters it names.
 * @internal
 */
export function includeTemplate(file: string, parameters: Record<string, string> = {}): IncludedTemplate {
  const loaded = loadTemplate(file);
  const dir = mkdtempSync(join(tmpdir(), 'cdk-fargate-platform-'));
  try {
    const templateFile = join(dir, 'template.json');
    writeFileSync(templateFile, JSON.stringify(loaded.template));
    const declared = Object.keys(loaded.template.Parameters ?? {});
    const app = new App({ outdir: join(dir, 'out') });
    const stack = new Stack(app, 'Template');
    try {
      new cfninc.CfnInclude(stack, 'Template', {
        templateFile,
        parameters: Object.fromEntries(Object.entries(parameters).filter(([name]) => declared.includes(name))),
      });
    } catch (e) {
      throw new BadInputError(`${file}: ${(e as Error).message.split('\n')[0]}`);
    }
    return { loaded, stack };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs every rule over one template: the same rules, IDs, messages and options as `FargatePlatformChecks`.
 * @internal
 */
export function checkTemplateFile(file: string, options: FargateCheckOptions = {}, parameters: Record<string, string> = {}): FileFinding[] {
  const { loaded, stack } = includeTemplate(file, parameters);
  return checkStack(stack, options).map(r => {
    const logicalId = stack.resolve(r.node.logicalId) as string;
    const path = r.finding.property === 'DependsOn'
      ? ['Resources', logicalId, 'DependsOn']
      : ['Resources', logicalId, 'Properties', ...propertyPath(r.finding.property)];
    return {
      file,
      logicalId,
      resourceType: r.node.cfnResourceType,
      ruleId: r.rule.id,
      level: r.level,
      property: r.finding.property,
      message: r.message,
      position: loaded.locate(path),
    };
  });
}

/** The stack templates of a cloud assembly directory, nested assemblies (Stages) included. @internal */
export function assemblyTemplates(dir: string): string[] {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new BadInputError(`${dir}: a directory that is not a cloud assembly (no manifest.json)`);
  let manifest: any;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (e) {
    throw new BadInputError(`${manifestFile}: not JSON (${(e as Error).message})`);
  }
  const out: string[] = [];
  for (const artifact of Object.values<any>(manifest.artifacts ?? {})) {
    if (artifact?.type === 'aws:cloudformation:stack' && typeof artifact.properties?.templateFile === 'string') {
      out.push(join(dir, artifact.properties.templateFile));
    } else if (artifact?.type === 'cdk:cloud-assembly' && typeof artifact.properties?.directoryName === 'string') {
      out.push(...assemblyTemplates(join(dir, artifact.properties.directoryName)));
    }
  }
  return out;
}

/** The template files a command-line path names: a template, or every stack template of a cloud assembly. @internal */
export function templatesOf(path: string): string[] {
  if (!existsSync(path)) throw new BadInputError(`${path}: no such file or directory`);
  return statSync(path).isDirectory() ? assemblyTemplates(path) : [path];
}

/** A path as the output shows it: relative to the working directory when inside it. @internal */
export function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}
