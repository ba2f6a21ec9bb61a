// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * The layering rule (DESIGN §5): core imports nothing of the project; git, github, local,
 * providers, render and cli (the command-line plumbing) import only core (a provider that talks
 * to GitHub may use the client that src/github/ builds); wiring picks the adapters a command line
 * asks for; commands compose them; the entry points sit on top.
 */
const FOLDERS = [
  'core',
  'git',
  'github',
  'local',
  'providers',
  'render',
  'cli',
  'wiring',
  'commands',
  'demo',
];
const ENTRY_POINTS = ['cli', 'action', 'action-inputs', 'bin'];

/** Import patterns a file of `layer` may not use: every other folder (core excepted) and the entry points. */
function above(layer, exceptions = []) {
  return [
    ...FOLDERS.filter((f) => f !== layer && f !== 'core').map((f) => `**/${f}/**`),
    ...ENTRY_POINTS.map((e) => `**/${e}.js`),
    ...exceptions.map((e) => `!${e}`),
  ];
}

const layer = (name, exceptions = [], extraPatterns = []) => ({
  files: [`src/${name}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...extraPatterns,
          {
            group: above(name, exceptions),
            message: `src/${name}/ may not import this (the layering rule, DESIGN §5): pass what it needs in as data or through a port.`,
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', '.bench/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs', 'test/fixtures/**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The core is pure: time, environment, file system and network come in through ports.
  layer(
    'core',
    [],
    [
      {
        group: ['node:*', 'fs', 'child_process', 'pg', '@octokit/*', '@actions/*'],
        message: 'src/core/ is pure: I/O comes in through ports.',
      },
    ],
  ),
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now' }],
      'no-restricted-globals': ['error', 'process', 'fetch'],
    },
  },
  layer('git'),
  layer('github'),
  layer('local'),
  layer('render'),
  layer('providers', ['**/github/octokit.js', '**/github/errors.js']),
  layer('cli'),
  // Wiring chooses adapters (git, GitHub, local, providers) and reads the command line (cli).
  layer('wiring', ['**/git/**', '**/github/**', '**/local/**', '**/providers/**', '**/cli/**']),
);
