import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { RuleLevel } from './rule';
import { TaskSizeRange } from '../platform/task-size-table';

/**
 * A CloudFormation resource with its final properties, tokens resolved to intrinsics.
 * @internal
 */
export interface ResolvedResource {
  readonly node: CfnResource;
  readonly stack: Stack;
  readonly type: string;
  /** The resource's `Properties`, after overrides, as CloudFormation will see them. */
  readonly props: Record<string, any>;
}

/** Resource types rules follow `Ref`/`GetAtt` to. @internal */
export const DEREF_TARGET_TYPES: ReadonlySet<string> = new Set([
  'AWS::ECS::TaskDefinition', 'AWS::ECS::Cluster', 'AWS::SecretsManager::Secret', 'AWS::SSM::Parameter', 'AWS::EC2::Subnet', 'AWS::EFS::FileSystem',
]);

/** Options the rules read. @internal */
export interface RuleOptions {
  readonly additionalTaskSizes?: readonly TaskSizeRange[];
  readonly latestVersionLevel?: RuleLevel;
}

/**
 * True for a value that synth cannot know: an intrinsic (`Ref`, `Fn::*`) or a placeholder.
 * @internal
 */
export function isUnresolved(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(TOKEN_PLACEHOLDER);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.keys(value).some(k => k === 'Ref' || k.startsWith('Fn::'));
}

/** Stands in for an intrinsic inside a string we had to flatten (Step Functions definitions). @internal */
export const TOKEN_PLACEHOLDER = '${Token}';

/**
 * A string property as text, with each intrinsic of an `Fn::Join` replaced by the placeholder; `undefined` for
 * anything else (a whole-value intrinsic). @internal
 */
export function flattenText(value: unknown): string | undefined {
  const join = (value as any)?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part: unknown) => (typeof part === 'string' ? part : TOKEN_PLACEHOLDER)).join(join[0]);
  }
  return typeof value === 'string' ? value : undefined;
}

/**
 * A JSON document held in a string property (a state machine definition, a Kubernetes manifest), often built with
 * `Fn::Join`: parsed, with each intrinsic as the placeholder inside its string. `undefined` when it is not JSON.
 * @internal
 */
export function parseJsonText(value: unknown): any {
  const text = flattenText(value);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The logical ID a `Ref` or `Fn::GetAtt` names; `undefined` for anything else. @internal */
export function logicalIdOf(value: unknown): string | undefined {
  const v = value as any;
  if (typeof v?.Ref === 'string') return v.Ref;
  const att = v?.['Fn::GetAtt'];
  return Array.isArray(att) && typeof att[0] === 'string' ? att[0] : undefined;
}

/** @internal */
export function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The routes of the route table a subnet (a `Ref` to an in-stack subnet) is explicitly associated with;
 * `undefined` when the stack does not say (no association in the stack, or tokens).
 * @internal
 */
export function subnetRoutes(subnetRef: unknown, ctx: RuleContext): ResolvedResource[] | undefined {
  const subnet = logicalIdOf(subnetRef);
  if (subnet === undefined) return undefined;
  const table = logicalIdOf(ctx.ofType('AWS::EC2::SubnetRouteTableAssociation')
    .find(a => logicalIdOf(a.props.SubnetId) === subnet)?.props.RouteTableId);
  if (table === undefined) return undefined;
  return ctx.ofType('AWS::EC2::Route').filter(r => logicalIdOf(r.props.RouteTableId) === table);
}

/**
 * Resolution and lookup for one stack, shared by every rule that runs over it.
 * Resources are resolved once, on first use; logical IDs too.
 * @internal
 */
export class RuleContext {
  private readonly resolvedCache = new Map<CfnResource, ResolvedResource>();
  private readonly logicalIds = new Map<CfnResource, string>();
  /** Per-resource memo for derived facts (e.g. the launches of a service), shared by every rule. */
  private readonly memo = new Map<string, Map<CfnResource, unknown>>();
  private readonly shared = new Map<string, unknown>();
  /** The stack's resources by type, then by logical ID, built per type on first lookup. */
  private readonly byLogicalId = new Map<string, Map<string, CfnResource>>();
  private byType?: Map<string, CfnResource[]>;

  constructor(public readonly stack: Stack, public readonly options: RuleOptions = {}) {}

  /** Every CfnResource that belongs to this stack (not to nested stacks). */
  public resources(): CfnResource[] {
    this.index();
    return [...this.byType!.values()].flat();
  }

  public resolve(node: CfnResource): ResolvedResource {
    let r = this.resolvedCache.get(node);
    if (!r) {
      r = { node, stack: this.stack, type: node.cfnResourceType, props: resolvedProperties(this.stack, node) };
      this.resolvedCache.set(node, r);
    }
    return r;
  }

  /** The resource's logical ID in the template (after any override), computed once per context. */
  public logicalId(node: CfnResource): string {
    let id = this.logicalIds.get(node);
    if (id === undefined) {
      id = this.stack.resolve(node.logicalId) as string;
      this.logicalIds.set(node, id);
    }
    return id;
  }

  /** Computes `fn()` once per key per context, for facts shared by many resources (e.g. a set of subnets). */
  public cached<T>(key: string, fn: () => T): T {
    if (!this.shared.has(key)) this.shared.set(key, fn());
    return this.shared.get(key) as T;
  }

  /** Computes `fn(resource)` once per resource per context, for facts several rules derive. */
  public memoize<T>(key: string, resource: ResolvedResource, fn: () => T): T {
    let byNode = this.memo.get(key);
    if (!byNode) this.memo.set(key, byNode = new Map());
    if (!byNode.has(resource.node)) byNode.set(resource.node, fn());
    return byNode.get(resource.node) as T;
  }

  /** The stack's resource of one of `types` with this logical ID, resolved; `undefined` if there is none. */
  public byId(types: Iterable<string>, logicalId: string): ResolvedResource | undefined {
    for (const type of types) {
      let ids = this.byLogicalId.get(type);
      if (!ids) {
        this.index();
        // Per type, on demand: resolving every logical ID in a stack would cost more than the checks themselves.
        ids = new Map((this.byType!.get(type) ?? []).map(r => [this.logicalId(r), r]));
        this.byLogicalId.set(type, ids);
      }
      const node = ids.get(logicalId);
      if (node) return this.resolve(node);
    }
    return undefined;
  }

  /** The in-stack resource a `Ref` / `Fn::GetAtt` points at (of the types rules follow), resolved; `undefined` for anything else. */
  public deref(value: unknown): ResolvedResource | undefined {
    if (value === null || typeof value !== 'object') return undefined;
    const id = logicalIdOf(value);
    return id === undefined ? undefined : this.byId(DEREF_TARGET_TYPES, id);
  }

  /** True when `value` is a `Ref`/`GetAtt` to `target`. */
  public refersTo(value: unknown, target: ResolvedResource): boolean {
    return this.deref(value)?.node === target.node;
  }

  public ofType(type: string): ResolvedResource[] {
    return this.nodesOfType(type).map(n => this.resolve(n));
  }

  /** The stack's resources of a type, unresolved: for what only needs to count them or name them. */
  public nodesOfType(type: string): CfnResource[] {
    this.index();
    return this.byType!.get(type) ?? [];
  }

  private index(): void {
    if (this.byType) return;
    this.byType = new Map();
    const visit = (c: IConstruct): void => {
      for (const child of c.node.children) {
        if (Stack.isStack(child)) continue; // nested stacks are checked on their own
        if (CfnResource.isCfnResource(child)) {
          const list = this.byType!.get(child.cfnResourceType) ?? [];
          list.push(child);
          this.byType!.set(child.cfnResourceType, list);
        }
        visit(child);
      }
    };
    visit(this.stack);
  }
}

/**
 * A resource's `Properties` as CloudFormation will see them, property overrides included.
 *
 * Without overrides, this resolves and renders the properties alone, as `CfnResource._toCloudFormation` does,
 * but skips resolving the rest of the resource (its logical ID, metadata, dependencies and policies): that
 * is more than half the cost, and the checks resolve every Fargate resource of a stack once more than
 * synthesis does. With overrides, or if aws-cdk-lib's internals ever differ, it resolves the whole resource.
 */
function resolvedProperties(stack: Stack, node: CfnResource): Record<string, any> {
  const internals = node as any; // `cfnProperties`/`renderProperties` are protected, `rawOverrides` private
  const overrides = internals.rawOverrides;
  const canRenderAlone = overrides !== null && typeof overrides === 'object' && Object.keys(overrides).length === 0
    && typeof internals.renderProperties === 'function' && typeof internals.shouldSynthesize === 'function';
  if (canRenderAlone) {
    if (!internals.shouldSynthesize()) return {};
    return internals.renderProperties(stack.resolve(internals.cfnProperties) ?? {}) ?? {};
  }
  const cfn = stack.resolve(internals._toCloudFormation());
  const body = Object.values(cfn?.Resources ?? {})[0] as any;
  return body?.Properties ?? {};
}

/**
 * True when a property is set to something that turns a feature on: not omitted, not `false`, not empty.
 * @internal
 */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
