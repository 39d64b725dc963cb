import { LeftOut, Rule, RuleContext, Severity } from './rule';
import { SOURCES } from '../azure/sources';
import { Entity, SecretUse } from '../model/topology';

/**
 * Secrets in the configuration: pre-shared keys (`shared_key`) and RADIUS secrets
 * (`radius_server_secret`, `radius_server[].secret`). Azure accepts a literal, but a literal sits
 * in plain text in the repository, in every copy of the configuration and in the state. The
 * value is never part of a message.
 */

const HOW_TO_FIX =
  'take it from a random_password (SharedKey.generate()), a sensitive variable without a default (SharedKey.fromVariable()) or Key Vault (SharedKey.fromKeyVault())';

const literal: Rule = {
  id: 'secret.literal',
  severity: Severity.ERROR,
  summary:
    'No pre-shared key or RADIUS secret is written literally into the configuration (nor as a variable default): an error at synth, a warning in azvpn check (Azure accepts it); a literal marked with SharedKey.unsafePlainText()/sensitive() is a warning.',
  source: SOURCES.TF_SENSITIVE,
  check(ctx) {
    for (const use of ctx.topology.secrets ?? []) {
      const entity = entityOf(ctx, use);
      if (!entity) continue;
      const origin = use.origin;
      if (origin.kind === 'literal') {
        report(ctx, entity, `${use.attribute} is written literally, so the secret sits in plain text in the configuration, its history and the Terraform state; ${HOW_TO_FIX}`);
      } else if (origin.kind === 'marked-literal') {
        ctx.warning(
          entity,
          `${use.attribute} is a literal marked sensitive (SharedKey.unsafePlainText() or sensitive("…")): Terraform hides it from plan output, but it still sits in plain text in the configuration and the state; ${HOW_TO_FIX}`,
        );
      } else if (origin.kind === 'variable' && origin.hasDefault) {
        report(
          ctx,
          entity,
          `${use.attribute} comes from var.${origin.name}, whose default is a literal secret written into the configuration; remove the default and pass the value at plan time (TF_VAR_${origin.name}, or a .tfvars file kept out of the repository)`,
        );
      }
    }
  },
};

const sensitiveVariable: Rule = {
  id: 'secret.sensitive-variable',
  severity: Severity.WARNING,
  summary: 'A variable that supplies a pre-shared key or RADIUS secret is declared sensitive, so that Terraform never prints it in plan or apply output.',
  source: SOURCES.TF_SENSITIVE,
  check(ctx) {
    for (const use of ctx.topology.secrets ?? []) {
      const origin = use.origin;
      if (origin.kind !== 'variable' || !origin.declared || origin.sensitive) continue;
      const entity = entityOf(ctx, use);
      if (entity) ctx.warning(entity, `${use.attribute} comes from var.${origin.name}, which is not declared sensitive, so Terraform prints it in plan output; add sensitive = true to variable "${origin.name}"`);
    }
  },
};

function report(ctx: RuleContext, entity: Entity, message: string): void {
  if (ctx.literalSecretsAreErrors) ctx.error(entity, message);
  else ctx.warning(entity, message);
}

function entityOf(ctx: RuleContext, use: SecretUse): Entity | undefined {
  return ctx.topology.entities.get(use.address);
}

export const secretRules: Rule[] = [literal, sensitiveVariable];
export const secretLeftOut: LeftOut[] = [];
