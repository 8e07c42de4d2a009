// Role-based access control. A bearer token is mapped to a Principal (who, and which roles) by a
// pluggable TokenVerifier; each operation has an Access rule computed from the blueprint's
// policies and `by` clauses. Deny wins over allow. A named condition (`when isOwner`) is a hook
// written by hand (src/handlers/conditions.ts); until it is written it fails closed: its allow
// rules do not apply and its deny rules do.

export interface Principal {
  readonly subject: string;
  readonly roles: readonly string[];
}

export interface TokenVerifier {
  // The principal a token identifies, or undefined when the token is not valid.
  verify(token: string): Principal | undefined | Promise<Principal | undefined>;
}

// Development tokens from a string such as `BPC_DEV_TOKENS="alice-token=Admin,bob-token=Member+Intern"`:
// comma-separated `token=Role+Role` entries. Never use them in production.
export function staticTokenVerifier(spec: string | undefined): TokenVerifier {
  const principals = new Map<string, Principal>();
  for (const entry of (spec ?? '').split(',')) {
    const at = entry.indexOf('=');
    if (at <= 0) continue;
    const token = entry.slice(0, at).trim();
    const roles = entry.slice(at + 1).split('+').map((r) => r.trim()).filter((r) => r.length > 0);
    principals.set(token, { subject: token, roles });
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
