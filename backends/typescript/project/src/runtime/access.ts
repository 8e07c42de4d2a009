// Role-based access control. A bearer token is mapped to a Principal (who, and which roles) by a
// pluggable TokenVerifier; each operation has an Access rule computed from the blueprint's
// policies and `by` clauses. Deny wins over allow. A named condition (`when isOwner`) is a hook
// written by hand (src/handlers/conditions.ts); until it is written it fails closed: its allow
// rules do not apply and its deny rules do.

export interface Principal {
  // Who the caller is: what an `@owner` field holds.
  readonly subject: string;
  readonly roles: readonly string[];
  // The tenant the caller acts for: what a `@tenant` field holds. Absent for callers of no tenant.
  readonly tenant?: string;
}

export interface TokenVerifier {
  // The principal a token identifies, or undefined when the token is not valid.
  verify(token: string): Principal | undefined | Promise<Principal | undefined>;
}

// Development tokens from a string such as
// `BPC_DEV_TOKENS="alice-token=Admin,bob-token=Member+Intern;tenant=acme;subject=bob"`: comma-separated
// `token=Role+Role` entries, each optionally followed by `;tenant=ID` (the caller's tenant) and
// `;subject=ID` (who the caller is; the token itself when left out). Never use them in production.
export function staticTokenVerifier(spec: string | undefined): TokenVerifier {
  const principals = new Map<string, Principal>();
  for (const entry of (spec ?? '').split(',')) {
    const [grant = '', ...attributes] = entry.split(';');
    const at = grant.indexOf('=');
    if (at <= 0) continue;
    const token = grant.slice(0, at).trim();
    const roles = grant.slice(at + 1).split('+').map((r) => r.trim()).filter((r) => r.length > 0);
    const claims = new Map<string, string>();
    for (const attribute of attributes) {
      const equals = attribute.indexOf('=');
      if (equals > 0) claims.set(attribute.slice(0, equals).trim(), attribute.slice(equals + 1).trim());
    }
    const tenant = claims.get('tenant');
    const subject = claims.get('subject') ?? token;
    principals.set(token, tenant === undefined || tenant === '' ? { subject, roles } : { subject, roles, tenant });
  }
  return { verify: (token) => principals.get(token) };
}

export type RoleSet = '*' | readonly string[];

export interface Access {
  // Roles granted unconditionally (by `allow` rules and `by` clauses); '*' for every role.
  readonly granted: RoleSet;
  readonly conditionalGrants: readonly { readonly roles: RoleSet; readonly condition: string }[];
  readonly denials: readonly { readonly roles: RoleSet; readonly condition?: string }[];
}

export interface AccessRequest {
  readonly principal: Principal;
  readonly operation: string;
  // The record the operation addresses (`{id}` in the route), when it has one.
  readonly id?: string | number;
}

// A hand-written condition: true when the rule applies to this request.
export type Condition = (request: AccessRequest) => boolean;
export type Conditions = Readonly<Record<string, Condition | undefined>>;

const covers = (roles: RoleSet, principal: Principal): boolean =>
  roles === '*' ? principal.roles.length > 0 : principal.roles.some((r) => roles.includes(r));

export function permits(access: Access, request: AccessRequest, conditions: Conditions): boolean {
  // Own properties only: a condition named `toString` is not Object's method.
  const holds = (name: string): boolean | undefined =>
    (Object.hasOwn(conditions, name) ? conditions[name] : undefined)?.(request);
  for (const denial of access.denials) {
    if (!covers(denial.roles, request.principal)) continue;
    if (denial.condition === undefined || holds(denial.condition) !== false) return false;
  }
  if (covers(access.granted, request.principal)) return true;
  return access.conditionalGrants.some((grant) => covers(grant.roles, request.principal) && holds(grant.condition) === true);
}
