// ESLint: typescript-eslint's recommended rules, and the layering of lib/ as a lint error.
//
// The layers, lowest first: private, azure, model, terraform-json, rules, reach, report,
// devices, constructs, cli. A folder imports only from the layers below it that it needs, never upward
// and never sideways (rules and reach know nothing of each other).
import tseslint from 'typescript-eslint';

/** Folders (layers) of lib/ a file in `folder` must not import, with the reason. */
export const FORBIDDEN_IMPORTS = {
  private: { folders: ['azure', 'model', 'terraform-json', 'rules', 'reach', 'report', 'devices', 'constructs', 'cli', 'testing'], why: 'lib/private is the bottom layer and imports nothing of the package' },
  azure: { folders: ['model', 'terraform-json', 'rules', 'reach', 'report', 'devices', 'constructs', 'cli', 'testing'], why: 'lib/azure holds Azure facts and imports only lib/private' },
  model: { folders: ['terraform-json', 'rules', 'reach', 'report', 'devices', 'constructs', 'cli', 'testing'], why: 'the model imports nothing above it' },
  'terraform-json': { folders: ['rules', 'reach', 'report', 'devices', 'constructs', 'cli', 'testing'], why: 'the adapter builds the model and knows nothing of what reads it' },
  rules: { folders: ['terraform-json', 'reach', 'report', 'devices', 'constructs', 'cli', 'testing'], why: 'rules import only model, azure and private' },
  reach: { folders: ['terraform-json', 'rules', 'report', 'devices', 'constructs', 'cli', 'testing'], why: 'the reachability engine imports no rules (nor anything above it)' },
  report: { folders: ['terraform-json', 'devices', 'constructs', 'cli', 'testing'], why: 'reports are built from the model, the rules and reach, not from an input format or the constructs' },
  devices: { folders: ['terraform-json', 'rules', 'reach', 'report', 'constructs', 'cli', 'testing'], why: 'device configurations are built from the model and Azure facts alone, like the rules' },
  constructs: { folders: ['cli', 'testing'], why: 'constructs do not import the CLI' },
  cli: { folders: ['constructs', 'testing'], why: 'the CLI reads Terraform JSON and never the constructs' },
};

function layerRule(folder) {
  const { folders, why } = FORBIDDEN_IMPORTS[folder];
  return {
    files: [`lib/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^\\.\\./(${folders.join('|')})(/|$)`,
              message: `lib/${folder} must not import this layer: ${why}.`,
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['**/*.js', '**/*.d.ts', 'lib/**/*.generated.ts', 'node_modules/**', 'dist/**', 'cdktf.out/**', 'bench/results/**', '.jsii'] },
  {
    files: ['lib/**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // Lazy loading (the reachability engine, the CLI commands) goes through require().
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...Object.keys(FORBIDDEN_IMPORTS).map(layerRule),
  {
    // Constructs reach the rules only through the engine and the catalogue, never a rule family;
    // and only the synth bridge reads Terraform JSON.
    files: ['lib/constructs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./rules/(?!(engine|rule|catalogue|rule-catalogue)$)',
              message: 'constructs use the rule engine and the catalogue, never a rule family directly.',
            },
            { regex: '^\\.\\./(cli|testing)(/|$)', message: `lib/constructs must not import this layer: ${FORBIDDEN_IMPORTS.constructs.why}.` },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/constructs/**/*.ts'],
    ignores: ['lib/constructs/vpn-validation.ts', 'lib/constructs/vpn-topology.ts', 'lib/constructs/app-validation.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./terraform-json(/|$)', message: 'only the synth bridge (vpn-validation.ts, app-validation.ts, vpn-topology.ts) and the CLI read Terraform JSON.' },
            {
              regex: '^\\.\\./rules/(?!(engine|rule|catalogue|rule-catalogue)$)',
              message: 'constructs use the rule engine and the catalogue, never a rule family directly.',
            },
            { regex: '^\\.\\./(cli|testing)(/|$)', message: `lib/constructs must not import this layer: ${FORBIDDEN_IMPORTS.constructs.why}.` },
          ],
        },
      ],
    },
  },
);
