/**
 * Kong's declarative configuration (DB-less, `_format_version: "3.0"`) as a zod schema: the
 * entities and plugins kong.yml uses, with the fields Kong documents for them. Written from
 * Kong's documentation, whose reference pages are generated from Kong's own schemas:
 *
 * - the format and its `_`-prefixed metadata: https://developer.konghq.com/gateway/db-less-mode/
 *   and https://developer.konghq.com/deck/dbless-vs-deck/#metadata-fields
 * - entities: https://developer.konghq.com/gateway/entities/service/, …/route/, …/upstream/,
 *   …/target/, …/consumer/, …/plugin/, and the health checks of upstreams:
 *   https://developer.konghq.com/gateway/traffic-control/health-checks-circuit-breakers/
 * - plugins, each at https://developer.konghq.com/plugins/<name>/reference/: jwt (and its
 *   credentials, the `jwt_secrets`), rate-limiting, correlation-id, opentelemetry,
 *   request-size-limiting, response-transformer
 *
 * Field names, enums and bounds were compared with the Lua schemas of Kong 3.9.1 (the version
 * docker-compose.yml runs): kong/db/schema/entities/*.lua, kong/plugins/<name>/schema.lua and
 * kong/plugins/jwt/daos.lua. No Kong ran where this was written: Kong itself checks a file with
 * `kong config parse kong.yml`.
 *
 * Strict on purpose: every entity and every plugin's `config` accepts the fields listed here only,
 * so a misspelt key fails as Kong would refuse it ("unknown field"). Kong knows more fields and
 * plugins than these; when kong.yml needs one, add it here from the same pages.
 */
import { z } from 'zod';

/** Kong ignores `_comment` and `_ignore` on every entity and at the top of the file. */
const ignored = { _comment: z.string().optional(), _ignore: z.array(z.unknown()).optional() };
const tags = z.array(z.string()).optional();

/** Names of services, routes and plugin instances: letters, digits and . - _ ~ (typedefs.utf8_name). */
const entityName = z.string().regex(/^[\p{L}\p{N}._~-]+$/u, 'only letters, digits and . - _ ~');
const hostname = z
  .string()
  .regex(/^(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i, 'a hostname, without port');
const port = z.int().min(0).max(65535);
const path = z
  .string()
  .startsWith('/')
  .refine((value) => !value.includes('//'), 'must not have empty segments');
/** Milliseconds; a service's timeouts may not be 0. */
const timeout = z.int().min(0).max(2 ** 31 - 2);
const serviceTimeout = z.int().min(1).max(2 ** 31 - 2);
const protocol = z.enum(['grpc', 'grpcs', 'http', 'https', 'tcp', 'tls', 'tls_passthrough', 'udp']);
const httpProtocols = z.array(z.enum(['grpc', 'grpcs', 'http', 'https'])).min(1);
const httpUrl = z.url({ protocol: /^https?$/ });

// ---------------------------------------------------------------------------------------------
// Plugins: https://developer.konghq.com/plugins/<name>/reference/

const jwtConfig = z
  .strictObject({
    uri_param_names: z.array(z.string()).optional(),
    cookie_names: z.array(z.string()).optional(),
    header_names: z.array(z.string()).optional(),
    key_claim_name: z.string().optional(),
    secret_is_base64: z.boolean().optional(),
    claims_to_verify: z.array(z.enum(['exp', 'nbf'])).optional(),
    anonymous: z.string().optional(),
    run_on_preflight: z.boolean().optional(),
    maximum_expiration: z.number().min(0).max(31_536_000).optional(),
    realm: z.string().optional(),
  })
  .refine(
    (config) => (config.maximum_expiration ?? 0) === 0 || (config.claims_to_verify ?? []).includes('exp'),
    'maximum_expiration needs exp in claims_to_verify',
  );

const PERIODS = ['second', 'minute', 'hour', 'day', 'month', 'year'] as const;
const limit = z.number().positive().optional();
const rateLimitingConfig = z
  .strictObject({
    second: limit,
    minute: limit,
    hour: limit,
    day: limit,
    month: limit,
    year: limit,
    limit_by: z.enum(['consumer', 'credential', 'ip', 'service', 'header', 'path']).optional(),
    header_name: z.string().optional(),
    path: path.optional(),
    // `cluster` needs a database: DB-less Kong offers `local` and `redis` only.
    policy: z.enum(['local', 'redis']).optional(),
    fault_tolerant: z.boolean().optional(),
    hide_client_headers: z.boolean().optional(),
    error_code: z.number().positive().optional(),
    error_message: z.string().optional(),
    sync_rate: z.number().optional(),
  })
  .refine((config) => PERIODS.some((period) => config[period] !== undefined), 'at least one of second … year')
  .refine((config) => {
    const limits = PERIODS.map((period) => config[period]).filter((value) => value !== undefined);
    return limits.every((value, i) => i === 0 || value >= limits[i - 1]!);
  }, 'a longer period may not have a lower limit than a shorter one')
  .refine((config) => config.policy === 'redis' || (config.sync_rate ?? -1) === -1, 'sync_rate can only be used with the redis policy')
  .refine((config) => config.limit_by !== 'header' || config.header_name !== undefined, 'limit_by header needs header_name')
  .refine((config) => config.limit_by !== 'path' || config.path !== undefined, 'limit_by path needs path');

const correlationIdConfig = z.strictObject({
  header_name: z.string().optional(),
  generator: z.enum(['uuid', 'uuid#counter', 'tracker']).optional(),
  echo_downstream: z.boolean().optional(),
});

const requestSizeLimitingConfig = z.strictObject({
  allowed_payload_size: z.int().optional(),
  size_unit: z.enum(['megabytes', 'kilobytes', 'bytes']).optional(),
  require_content_length: z.boolean().optional(),
});

/** "name:value" pairs, as response-transformer takes headers and JSON properties. */
const colonPairs = z.array(z.string().regex(/^[^:]+:.*$/, '"name:value"')).optional();
const responseTransformerConfig = z.strictObject({
  remove: z.strictObject({ json: z.array(z.string()).optional(), headers: z.array(z.string()).optional() }).optional(),
  rename: z.strictObject({ json: colonPairs, headers: colonPairs }).optional(),
  replace: z
    .strictObject({ json: colonPairs, json_types: z.array(z.enum(['boolean', 'number', 'string'])).optional(), headers: colonPairs })
    .optional(),
  add: z
    .strictObject({ json: colonPairs, json_types: z.array(z.enum(['boolean', 'number', 'string'])).optional(), headers: colonPairs })
    .optional(),
  append: z
    .strictObject({ json: colonPairs, json_types: z.array(z.enum(['boolean', 'number', 'string'])).optional(), headers: colonPairs })
    .optional(),
});

/** Trace context formats (kong/observability/tracing/propagation); b3-single is injected only. */
const traceFormats = ['w3c', 'b3', 'b3-single', 'jaeger', 'ot', 'datadog', 'aws', 'gcp'] as const;
const opentelemetryConfig = z
  .strictObject({
    traces_endpoint: httpUrl.optional(),
    logs_endpoint: httpUrl.optional(),
    headers: z.record(z.string(), z.string()).optional(),
    resource_attributes: z.record(z.string(), z.string().min(1)).optional(),
    connect_timeout: timeout.optional(),
    send_timeout: timeout.optional(),
    read_timeout: timeout.optional(),
    http_response_header_for_traceid: z.string().optional(),
    sampling_rate: z.number().min(0).max(1).optional(),
    propagation: z
      .strictObject({
        extract: z.array(z.enum(traceFormats).exclude(['b3-single'])).optional(),
        clear: z.array(z.string()).optional(),
        inject: z.array(z.enum(['preserve', ...traceFormats])).optional(),
        // Required once `propagation` is given: its default applies only to a missing record.
        default_format: z.enum(traceFormats),
      })
      .optional(),
  })
  .refine((config) => config.traces_endpoint !== undefined || config.logs_endpoint !== undefined, 'traces_endpoint or logs_endpoint');

/** The fields every plugin instance has; `route`, `service`, `consumer` name the entity it is scoped to. */
function plugin<const Name extends string, Config extends z.ZodType>(name: Name, config: Config) {
  return z.strictObject({
    name: z.literal(name),
    instance_name: entityName.optional(),
    enabled: z.boolean().optional(),
    protocols: httpProtocols.optional(),
    route: z.string().optional(),
    service: z.string().optional(),
    consumer: z.string().optional(),
    tags,
    config,
    ...ignored,
  });
}

export const Plugin = z.discriminatedUnion('name', [
  plugin('jwt', jwtConfig.optional()),
  plugin('rate-limiting', rateLimitingConfig),
  plugin('correlation-id', correlationIdConfig.optional()),
  plugin('opentelemetry', opentelemetryConfig),
  plugin('request-size-limiting', requestSizeLimitingConfig.optional()),
  plugin('response-transformer', responseTransformerConfig.optional()),
]);
export type Plugin = z.infer<typeof Plugin>;

// ---------------------------------------------------------------------------------------------
// Entities: https://developer.konghq.com/gateway/entities/<entity>/

export const Route = z.strictObject({
  name: entityName.optional(),
  // A plain prefix starts with /, a regular expression with ~.
  paths: z.array(z.string().regex(/^[/~]/, 'starts with / (a prefix) or ~ (a regular expression)')).optional(),
  strip_path: z.boolean().optional(),
  path_handling: z.enum(['v0', 'v1']).optional(),
  preserve_host: z.boolean().optional(),
  protocols: z.array(protocol).min(1).optional(),
  methods: z.array(z.string().regex(/^[A-Z]+$/)).optional(),
  hosts: z.array(z.string()).optional(),
  headers: z.record(z.string(), z.array(z.string())).optional(),
  https_redirect_status_code: z.union([z.literal(426), z.literal(301), z.literal(302), z.literal(307), z.literal(308)]).optional(),
  regex_priority: z.int().optional(),
  request_buffering: z.boolean().optional(),
  response_buffering: z.boolean().optional(),
  tags,
  plugins: z.array(Plugin).optional(),
  ...ignored,
});
export type Route = z.infer<typeof Route>;

export const Service = z.strictObject({
  name: entityName,
  protocol: protocol.optional(),
  host: z.string().min(1),
  port: port.optional(),
  path: path.optional(),
  retries: z.int().min(0).max(32_767).optional(),
  connect_timeout: serviceTimeout.optional(),
  read_timeout: serviceTimeout.optional(),
  write_timeout: serviceTimeout.optional(),
  enabled: z.boolean().optional(),
  tags,
  routes: z.array(Route).optional(),
  plugins: z.array(Plugin).optional(),
  ...ignored,
});
export type Service = z.infer<typeof Service>;

const statuses = z.array(z.int().min(100).max(999)).optional();
const counter = z.int().min(0).max(255).optional();
const seconds = z.number().min(0).max(65_535).optional();
const checkType = z.enum(['tcp', 'http', 'https', 'grpc', 'grpcs']).optional();

export const Healthchecks = z.strictObject({
  active: z
    .strictObject({
      type: checkType,
      http_path: path.optional(),
      timeout: seconds,
      concurrency: z.int().min(1).max(2 ** 31).optional(),
      https_sni: z.string().optional(),
      https_verify_certificate: z.boolean().optional(),
      headers: z.record(z.string(), z.array(z.string())).optional(),
      healthy: z.strictObject({ interval: seconds, http_statuses: statuses, successes: counter }).optional(),
      unhealthy: z
        .strictObject({ interval: seconds, http_statuses: statuses, http_failures: counter, tcp_failures: counter, timeouts: counter })
        .optional(),
    })
    .optional(),
  passive: z
    .strictObject({
      type: checkType,
      healthy: z.strictObject({ http_statuses: statuses, successes: counter }).optional(),
      unhealthy: z.strictObject({ http_statuses: statuses, http_failures: counter, tcp_failures: counter, timeouts: counter }).optional(),
    })
    .optional(),
  threshold: z.number().min(0).max(100).optional(),
});

export const Target = z.strictObject({
  // An IP address or a hostname, and a port.
  target: z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port'),
  weight: z.int().min(0).max(65_535).optional(),
  tags,
  ...ignored,
});

export const Upstream = z.strictObject({
  // A hostname, which a service's `host` names to be balanced here: no IP address, no port.
  name: hostname,
  algorithm: z.enum(['consistent-hashing', 'least-connections', 'round-robin', 'latency']).optional(),
  slots: z.int().min(10).max(2 ** 16).optional(),
  healthchecks: Healthchecks.optional(),
  host_header: z.string().optional(),
  use_srv_name: z.boolean().optional(),
  tags,
  targets: z.array(Target).optional(),
  ...ignored,
});
export type Upstream = z.infer<typeof Upstream>;

const asymmetric = /^(RS|PS)(256|384|512)$|^EdDSA$/;
const jwtSecretFields = {
  key: z.string().min(1),
  algorithm: z.enum(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA']).optional(),
  secret: z.string().optional(),
  rsa_public_key: z.string().optional(),
  tags,
  ...ignored,
};
const needsPublicKey = (credential: { algorithm?: string | undefined; rsa_public_key?: string | undefined }) =>
  !asymmetric.test(credential.algorithm ?? 'HS256') || credential.rsa_public_key !== undefined;

/** A jwt credential: `key` is what a token's `iss` claim (the plugin's key_claim_name) names. */
export const JwtSecret = z.strictObject(jwtSecretFields).refine(needsPublicKey, 'RS, PS and EdDSA credentials need rsa_public_key');
/** The same at the top of the file, naming its consumer by username. */
export const TopLevelJwtSecret = z
  .strictObject({ ...jwtSecretFields, consumer: z.string().min(1) })
  .refine(needsPublicKey, 'RS, PS and EdDSA credentials need rsa_public_key');

export const Consumer = z
  .strictObject({
    username: z.string().min(1).optional(),
    custom_id: z.string().min(1).optional(),
    tags,
    jwt_secrets: z.array(JwtSecret).optional(),
    plugins: z.array(Plugin).optional(),
    ...ignored,
  })
  .refine((consumer) => consumer.username !== undefined || consumer.custom_id !== undefined, 'username or custom_id');
export type Consumer = z.infer<typeof Consumer>;

// ---------------------------------------------------------------------------------------------
// The file

export const KongConfig = z
  .strictObject({
    _format_version: z.enum(['1.1', '2.1', '3.0']),
    _transform: z.boolean().optional(),
    ...ignored,
    services: z.array(Service).optional(),
    upstreams: z.array(Upstream).optional(),
    consumers: z.array(Consumer).optional(),
    jwt_secrets: z.array(TopLevelJwtSecret).optional(),
    plugins: z.array(Plugin).optional(),
  })
  .superRefine((config, context) => {
    // What Kong checks across entities when it loads the file: names are unique, references resolve.
    const unique = (what: string, values: (string | undefined)[]) => {
      const seen = new Set<string>();
      for (const value of values) {
        if (value === undefined) continue;
        if (seen.has(value)) context.addIssue({ code: 'custom', message: `two ${what} named ${value}` });
        seen.add(value);
      }
    };
    const services = config.services ?? [];
    const routes = services.flatMap((service) => service.routes ?? []);
    const consumers = config.consumers ?? [];
    const credentials = [...consumers.flatMap((consumer) => consumer.jwt_secrets ?? []), ...(config.jwt_secrets ?? [])];
    unique('services', services.map((service) => service.name));
    unique('routes', routes.map((route) => route.name));
    unique('upstreams', (config.upstreams ?? []).map((upstream) => upstream.name));
    unique('consumers', consumers.map((consumer) => consumer.username));
    unique('jwt credentials', credentials.map((credential) => credential.key));
    const usernames = new Set(consumers.map((consumer) => consumer.username));
    for (const credential of config.jwt_secrets ?? []) {
      if (!usernames.has(credential.consumer)) {
        context.addIssue({ code: 'custom', message: `jwt credential ${credential.key} names no consumer: ${credential.consumer}` });
      }
    }
    const names = { route: new Set(routes.map((route) => route.name)), service: new Set(services.map((service) => service.name)), consumer: usernames };
    for (const instance of config.plugins ?? []) {
      for (const scope of ['route', 'service', 'consumer'] as const) {
        const target = instance[scope];
        if (target !== undefined && !names[scope].has(target)) {
          context.addIssue({ code: 'custom', message: `plugin ${instance.name} names no ${scope}: ${target}` });
        }
      }
    }
  });
export type KongConfig = z.infer<typeof KongConfig>;
