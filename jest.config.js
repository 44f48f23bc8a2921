// Three tiers, selected by file suffix (see README "Tests"):
//   *.spec.ts      pure, no I/O
//   *.int-spec.ts  real SQLite file, real PostgreSQL, real Redis
//   *.e2e-spec.ts  the real HTTP app through supertest
//   *.fuzz-spec.ts generated bad input against every route, both stores (fast-check)
//   *.fault-spec.ts the real API and worker processes under injected faults (own PostgreSQL and Redis)
//   *.browser-spec.ts  the web workspace in headless Debian chromium (playwright-core) against the real app
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const libs = ['domain', 'event-store', 'platform', 'projections'];
const moduleNameMapper = Object.fromEntries(
  libs.flatMap((lib) => [
    [`^@indaga/${lib}$`, `<rootDir>/libs/${lib}/src`],
    [`^@indaga/${lib}/(.*)$`, `<rootDir>/libs/${lib}/src/$1`],
  ]),
);
// @bull-board/fastify brings a @fastify/static whose content-disposition is ESM only; Jest on Node 20 cannot
// require() ESM, so that one package is compiled to CommonJS (Node itself loads it as is).
const swcJs = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, '^.+\\.js$': swcJs },
  transformIgnorePatterns: [
    '/node_modules/(?!(@bull-board/fastify/node_modules/content-disposition|content-disposition)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
};
module.exports = {
  // Per-project timeouts are not honoured when projects are selected, so one generous default;
  // tests that wait on purpose (minVersion, backoff) say so.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'] },
    { ...common, displayName: 'fuzz', testMatch: ['**/*.fuzz-spec.ts'] },
    { ...common, displayName: 'fault', testMatch: ['**/*.fault-spec.ts'] },
    { ...common, displayName: 'browser', testMatch: ['**/*.browser-spec.ts'] },
  ],
};
