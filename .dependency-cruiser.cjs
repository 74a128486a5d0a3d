// The folder rules, checked on the real import graph (`npm run lint`, and so CI).
// docs/ARCHITECTURE.md shows the same table; test/dependencies.test.ts proves it bites.
//
// Every import between two of our folders must be a row of `mayImport` below (an import
// inside one folder is always allowed). Anything else fails with the importing file and the
// imported one: "not-in-allowed: bot/routes/x.ts → bot/services/y.ts".

/** Who may import whom, from the top of the house down. A name ending in ".ts" is one file. */
const mayImport = {
  "bot/main.ts": ["bot", "db"], // starts everything
  "bot/server": ["bot/telegram", "bot/webapp", "bot/core"],
  "bot/telegram": [
    "bot/deps.ts",
    "bot/services",
    "bot/reminders", // the reminders screen's queries
    "bot/outbox", // the message budget shared with the outbox sender
    "bot/documents",
    "bot/charts",
    "bot/routes",
    "bot/rules",
    "bot/i18n",
    "bot/core",
    "db", // its own conversation state, and the database's types
  ],
  // The coordinators' Mini App over HTTP: the same services as the chat, no grammY.
  "bot/webapp": [
    "bot/deps.ts",
    "bot/services",
    "bot/documents",
    "bot/charts",
    "bot/routes",
    "bot/rules",
    "bot/i18n",
    "bot/core",
    "db",
  ],
  "bot/app.ts": ["bot/deps.ts", "bot/outbox", "bot/core", "db"],
  "bot/deps.ts": ["bot/outbox", "bot/core", "db"], // the application's composition type
  // Jobs above the services: the planner, the sender, the reminders screen's queries.
  "bot/reminders": [
    "bot/deps.ts",
    "bot/services",
    "bot/outbox",
    "bot/documents",
    "bot/routes",
    "bot/rules",
    "bot/i18n",
    "bot/core",
    "db",
  ],
  // Charts read the services' rows (compliance, overview counts) and draw them.
  "bot/charts": ["bot/services", "bot/rules", "bot/i18n", "bot/core", "db"],
  "bot/services": [
    "bot/outbox",
    "bot/documents", // types only, see below: a document declares what it draws
    "bot/routes", // notices carry buttons
    "bot/rules",
    "bot/i18n",
    "bot/core",
    "db",
  ],
  // Renderers declare their inputs; services produce them.
  "bot/documents": ["bot/rules", "bot/i18n", "bot/core", "db"],
  // Beneath the services: enqueue, notices, the send budget, the sender's storage.
  "bot/outbox": ["bot/routes", "bot/rules", "bot/i18n", "bot/core", "db"],
  "bot/i18n": ["bot/rules", "db", "locales"],
  "bot/routes": ["bot/rules"], // choices such as the transfer reasons are the rules' own lists
  "bot/core": ["db"], // database time-outs in the configuration
  "bot/rules": [],
  db: [],
  webapp: [], // the Mini App's page: browser modules, Preact and htm by the import map
  playground: ["bot", "db", "test"], // the simulator lives in test/simulator
  scripts: ["bot", "db", "playground", "test", "locales"],
  test: ["bot", "db", "playground", "scripts", "locales"],
};

/** Imports that break the table today and are to be removed. Delete an entry when its
 * import is gone: test/dependencies.test.ts fails on an entry that no longer matches. */
const knownViolations = [];

const folders = Object.keys(mayImport);
const literally = (name) => name.replace(/[.]/g, "\\.");
/** The path pattern of a folder ("bot/rules" → everything under it) or of one file. */
const pathOf = (name) => (name.endsWith(".ts") ? `^${literally(name)}$` : `^${literally(name)}/`);

const ourFolders = `^(${folders.map((f) => literally(f) + (f.endsWith(".ts") ? "$" : "/")).join("|")})`;

module.exports = {
  allowedSeverity: "error",
  allowed: [
    {
      comment: "anything may import within its own folder",
      from: { path: "^(bot/[^/]+|[^/]+)/" },
      to: { path: "^$1/" },
    },
    {
      comment: "packages and node's own modules (which packages where: see `forbidden`)",
      from: {},
      to: { dependencyTypes: ["core", "npm", "npm-dev", "npm-optional", "npm-peer"] },
    },
    ...Object.entries(mayImport).flatMap(([from, targets]) =>
      targets.map((to) => ({
        comment: `${from} may import ${to}`,
        from: { path: pathOf(from) },
        to:
          from === "bot/services" && to === "bot/documents"
            ? { path: pathOf(to), dependencyTypes: ["type-only", "type-import"] }
            : { path: pathOf(to) },
      })),
    ),
    ...knownViolations.map(([from, to]) => ({
      comment: `KNOWN VIOLATION to remove: ${from} → ${to}`,
      from: { path: pathOf(from) },
      to: { path: pathOf(to) },
    })),
  ],
  forbidden: [
    // Shown as warnings on every run until they are gone.
    ...knownViolations.map(([from, to]) => ({
      name: "known-violation",
      comment: `listed in knownViolations of .dependency-cruiser.cjs: remove it`,
      severity: "warn",
      from: { path: pathOf(from) },
      to: { path: pathOf(to) },
    })),
    {
      name: "outside-the-table",
      comment: "every file belongs to a row of the table",
      severity: "error",
      from: { pathNot: ourFolders },
      to: {},
    },
    {
      name: "grammy-only-at-the-edge",
      comment: "only the Telegram layer, the server, the jobs and the send budget speak to grammY",
      severity: "error",
      from: {
        path: "^(bot|db)/",
        pathNot: "^bot/(telegram|server|reminders|outbox)/|^bot/main\\.ts$",
      },
      to: { path: "^node_modules/(grammy|@grammyjs)/" },
    },
    {
      name: "production-code-uses-dependencies",
      comment: "bot/ and db/ run in production, where devDependencies are not installed",
      severity: "error",
      from: { path: "^(bot|db)/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "telegram-areas-apart",
      comment: "an area under telegram/features/ never imports another area",
      severity: "error",
      from: { path: "^bot/telegram/features/([^/]+)/" },
      to: { path: "^bot/telegram/features/[^/]+/", pathNot: "^bot/telegram/features/$1/" },
    },
    {
      name: "no-cycles",
      comment: "files of the bot never import each other in a circle",
      severity: "error",
      from: { path: "^(bot|db)/" },
      to: { circular: true },
    },
  ],
  options: {
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports count: a layer that knows another's types depends on it.
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
    },
  },
};
