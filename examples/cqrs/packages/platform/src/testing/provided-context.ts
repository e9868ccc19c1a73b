// What global-setup.ts provides to every test file, typed for `inject()`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** A reachable PostgreSQL for the [postgres] suites; null skips them. */
    postgresUrl: string | null;
    /** Reachable brokers for the [rabbitmq], [nats] and [kafka] suites; null skips them. */
    rabbitmqUrl: string | null;
    natsUrl: string | null;
    kafkaUrl: string | null;
  }
}

export {};
