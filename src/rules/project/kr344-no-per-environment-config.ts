/**
 * KR344 no-per-environment-config: a web project (one with HTTP routes) with no sign of
 * per-environment configuration; reported once, in the file of the first route.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { projectFinding } from './finding.js';

export const noPerEnvironmentConfig: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR344', name: 'no-per-environment-config', category: 'config', severity: 'low', confidence: 'low', cwe: [1188],
  docs: {
    what: 'Flags a web project (one with HTTP routes) that shows no sign of per-environment configuration: no settings read from the environment (`os.environ`, `os.getenv`, pydantic `BaseSettings`, python-decouple, django-environ, python-dotenv), no `DevelopmentConfig`/`ProductionConfig` classes, no `settings/production.py`-style modules and no `.env.example`.',
    why: 'When the same hard-coded settings serve development and production, debug switches, test keys and permissive hosts reach production (CWE-1188 insecure default initialization).',
    example: 'app.config["DEBUG"] = True\napp.config["SECRET_KEY"] = "dev"',
    instead: 'app.config.from_object(CONFIGS[os.environ.get("APP_ENV", "production")])',
    references: ['https://cwe.mitre.org/data/definitions/1188.html', 'https://12factor.net/config', 'https://flask.palletsprojects.com/en/latest/config/#development-production'],
  },
  check(facts, ctx) {
    const rule = noPerEnvironmentConfig;
    const first = facts.routes.find((r) => r.kind === 'http');
    if (!first || facts.environmentConfig.length) return;
    ctx.report(projectFinding(rule, first.location.path, [], 1, 'No per-environment configuration found: no settings read from the environment, no per-environment settings modules or config classes, no .env.example.'));
  },
});
