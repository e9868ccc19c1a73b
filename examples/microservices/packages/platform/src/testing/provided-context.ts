// What global-setup.ts provides to every test file, typed for `inject()`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** A reachable PostgreSQL for the [postgres] suites; null skips them. */
    postgresUrl: string | null;
  }
}

export {};
