import type { BrokerKind, DatastoreKind } from '../model.js';

/**
 * What the names of libraries, images and URLs tell us. Data, so a missing
 * library is one line here and a test, never a code change.
 * Dependency names are compared lower-case; a trailing '*' matches a prefix.
 */
export const TRACING_LIBS = [
  '@opentelemetry/*', 'dd-trace', 'jaeger-client', 'opentracing', 'zipkin', 'zipkin-*', 'elastic-apm-node', '@sentry/node',
  'go.opentelemetry.io/*', 'github.com/openzipkin/*', 'github.com/opentracing/*', 'github.com/uber/jaeger-client-go', 'gopkg.in/datadog/*',
  'io.opentelemetry*', 'io.jaegertracing*', 'io.opentracing*', 'io.micrometer:micrometer-tracing*', 'org.springframework.cloud:spring-cloud-starter-sleuth', 'io.zipkin*',
  'org.springframework.boot:spring-boot-starter-zipkin', 'org.springframework.boot:spring-boot-starter-opentelemetry', 'org.springframework.cloud:spring-cloud-starter-zipkin',
  'opentelemetry-*', 'ddtrace', 'jaeger-client', 'py-zipkin',
  'opentelemetry.*', 'datadog.trace',
];

export const BREAKER_LIBS = [
  'cockatiel', 'opossum', 'brakes', 'mollitia',
  'github.com/sony/gobreaker*', 'github.com/afex/hystrix-go', 'github.com/eapache/go-resiliency', 'github.com/failsafe-go/*',
  'io.github.resilience4j*', 'com.netflix.hystrix*', 'org.springframework.cloud:spring-cloud-starter-circuitbreaker*', 'dev.failsafe*',
  'pybreaker', 'circuitbreaker', 'aiobreaker', 'purgatory-circuitbreaker',
  'polly', 'polly.*', 'microsoft.extensions.http.polly', 'microsoft.extensions.http.resilience', 'microsoft.extensions.resilience',
];

/** Libraries that make synchronous calls to other services. */
export const HTTP_CLIENT_LIBS = [
  'axios', 'got', 'node-fetch', 'undici', 'ky', 'superagent', 'cross-fetch', '@grpc/grpc-js', '@connectrpc/*',
  'google.golang.org/grpc', 'github.com/go-resty/resty*', 'github.com/hashicorp/go-retryablehttp',
  'org.springframework.cloud:spring-cloud-starter-openfeign', 'org.springframework.boot:spring-boot-starter-webflux', 'io.grpc*', 'com.squareup.okhttp3*', 'com.squareup.retrofit2*',
  'requests', 'httpx', 'aiohttp', 'grpcio', 'urllib3',
  'grpc.net.client', 'refit', 'restsharp', 'flurl.http',
];

/** Libraries whose presence makes a service an API gateway. */
export const GATEWAY_LIBS = [
  '@fastify/http-proxy', '@fastify/reply-from', 'http-proxy-middleware', 'http-proxy', 'express-gateway', 'express-http-proxy',
  'org.springframework.cloud:spring-cloud-starter-gateway*', 'ocelot', 'yarp.reverseproxy',
  'github.com/krakend*', 'github.com/luraproject/*',
];

export const BROKER_LIBS: ReadonlyArray<readonly [string, BrokerKind]> = [
  ['kafkajs', 'kafka'], ['node-rdkafka', 'kafka'], ['@confluentinc/kafka-javascript', 'kafka'], ['@platformatic/kafka', 'kafka'],
  ['amqplib', 'rabbitmq'], ['amqp-connection-manager', 'rabbitmq'], ['rascal', 'rabbitmq'], ['@golevelup/nestjs-rabbitmq', 'rabbitmq'],
  ['nats', 'nats'], ['@nats-io/*', 'nats'], ['@aws-sdk/client-sqs', 'sqs'], ['@aws-sdk/client-sns', 'sns'], ['sqs-consumer', 'sqs'],
  ['bullmq', 'redis-streams'], ['pulsar-client', 'pulsar'],
  ['github.com/segmentio/kafka-go', 'kafka'], ['github.com/ibm/sarama', 'kafka'], ['github.com/shopify/sarama', 'kafka'], ['github.com/confluentinc/confluent-kafka-go*', 'kafka'],
  ['github.com/rabbitmq/amqp091-go', 'rabbitmq'], ['github.com/streadway/amqp', 'rabbitmq'], ['github.com/nats-io/nats.go', 'nats'],
  ['org.springframework.kafka:spring-kafka', 'kafka'], ['org.apache.kafka:kafka-clients', 'kafka'], ['org.springframework.boot:spring-boot-starter-amqp', 'rabbitmq'],
  ['org.springframework.cloud:spring-cloud-stream*', 'kafka'], ['com.rabbitmq:amqp-client', 'rabbitmq'], ['io.nats:jnats', 'nats'],
  ['kafka-python', 'kafka'], ['confluent-kafka', 'kafka'], ['aiokafka', 'kafka'], ['pika', 'rabbitmq'], ['aio-pika', 'rabbitmq'], ['kombu', 'rabbitmq'], ['celery', 'rabbitmq'], ['nats-py', 'nats'],
  ['confluent.kafka', 'kafka'], ['rabbitmq.client', 'rabbitmq'], ['masstransit*', 'rabbitmq'], ['nats.client', 'nats'], ['awssdk.sqs', 'sqs'],
];

/** Image names (the part after the last '/', before ':') of infrastructure containers. */
export const DATASTORE_IMAGES: ReadonlyArray<readonly [RegExp, DatastoreKind]> = [
  [/^(postgres|postgis|timescaledb)/, 'postgres'], [/^(mysql|mariadb|percona)/, 'mysql'], [/^mongo/, 'mongodb'],
  [/^(redis|valkey|keydb)/, 'redis'], [/^(mssql|sql-server|azure-sql-edge)/, 'mssql'], [/^oracle|^oracle-xe/, 'oracle'],
  [/^(cassandra|scylla)/, 'cassandra'], [/^(elasticsearch|opensearch)$/, 'elasticsearch'], [/^dynamodb-local/, 'dynamodb'],
];

export const BROKER_IMAGES: ReadonlyArray<readonly [RegExp, BrokerKind]> = [
  [/^(kafka|cp-kafka|cp-server|redpanda)/, 'kafka'], [/^rabbitmq/, 'rabbitmq'], [/^nats/, 'nats'], [/^pulsar/, 'pulsar'],
  [/^(activemq|artemis)/, 'activemq'], [/^(localstack)/, 'sqs'],
];

export const GATEWAY_IMAGES: ReadonlyArray<readonly [RegExp, 'nginx' | 'kong' | 'envoy' | 'traefik']> = [
  [/^(nginx|openresty)/, 'nginx'], [/^kong/, 'kong'], [/^envoy/, 'envoy'], [/^traefik/, 'traefik'],
];

/** Tracing back-ends and collectors: infrastructure, not services to check. */
export const OBSERVABILITY_IMAGES = [/^(jaeger|all-in-one|opentelemetry-collector|otel|zipkin|tempo|grafana|prometheus|loki|alertmanager)/];

/** URL schemes in connection strings. */
export const DATASTORE_SCHEMES: Record<string, DatastoreKind> = {
  postgres: 'postgres', postgresql: 'postgres', mysql: 'mysql', mariadb: 'mysql', mongodb: 'mongodb', 'mongodb+srv': 'mongodb',
  redis: 'redis', rediss: 'redis', sqlserver: 'mssql', oracle: 'oracle', cassandra: 'cassandra',
};

export const BROKER_SCHEMES: Record<string, BrokerKind> = {
  amqp: 'rabbitmq', amqps: 'rabbitmq', kafka: 'kafka', nats: 'nats', pulsar: 'pulsar',
};

/**
 * Libraries of platform services (configuration, discovery, administration):
 * services call them at start-up, not per request, so a call to one is not a
 * synchronous dependency that needs a breaker or a broker.
 */
export const PLATFORM_LIBS = [
  'org.springframework.cloud:spring-cloud-config-server', 'org.springframework.cloud:spring-cloud-starter-netflix-eureka-server',
  'de.codecentric:spring-boot-admin-starter-server', 'org.springframework.cloud:spring-cloud-starter-consul-discovery-server',
];

/** Folder names whose manifests are libraries shared by services, not services. */
export const LIBRARY_PARENTS = new Set(['packages', 'libs', 'lib', 'shared', 'common', 'tools', 'scripts', 'test', 'tests', 'examples', 'docs', 'e2e', 'fixtures']);

/** Source text that shows a health endpoint or a gRPC health service. */
export const HEALTH_SOURCE = /["'`](\/(?:api\/)?(?:health(?:z|check)?|livez|readyz|ready|live|ping|status|actuator\/health)(?:\/[a-z]+)?)["'`]|grpc[._]health[._]v1|health\.NewServer\(|HealthCheckService|MapHealthChecks|AddHealthChecks/;

/** Source text that shows a call to another service over HTTP or gRPC. */
export const OUTBOUND_SOURCE = /\bfetch\(\s*[`'"]?(?:https?:\/\/|\$\{|[A-Za-z_.]*(?:url|URL|Url|host|HOST))|\bhttp\.(?:Get|Post|NewRequest)(?:WithContext)?\(|\bRestTemplate\b|\bWebClient\.|\bHttpClient\b|\brequests\.(?:get|post|put|delete)\(|\bhttpx\.(?:get|post|AsyncClient|Client)\(|\bgrpc\.(?:Dial|NewClient)\(/;

export function matchesLib(dependency: string, patterns: readonly string[]): boolean {
  const name = dependency.toLowerCase();
  return patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
}

export function imageName(image: string): string {
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  const at = last.indexOf('@');
  const end = [colon, at].filter((i) => i >= 0).sort((a, b) => a - b)[0];
  return (end === undefined ? last : last.slice(0, end)).toLowerCase();
}

/**
 * Route declarations read from source text, per framework family: Express/Fastify/Koa/Hono,
 * net/http and gin/echo/chi, Spring, Flask/FastAPI, ASP.NET minimal APIs. Each match gives
 * the method (or the framework's word for it) and the path.
 */
export const ROUTE_SOURCES: readonly RegExp[] = [
  /\b(?:app|router|server|fastify|api|routes|r)\.(get|post|put|patch|delete|all)\(\s*['"`](\/[^'"`\s]*)['"`]/g,
  /\b(?:HandleFunc|Handle)\(\s*"((?:GET |POST |PUT |PATCH |DELETE )?)(\/[^"\s]*)"/g,
  /\.(GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete)\(\s*"(\/[^"\s]*)"/g,
  /@(Get|Post|Put|Patch|Delete|Request)Mapping\(\s*(?:(?:value|path)\s*=\s*)?\{?\s*"(\/[^"\s]*)"/g,
  /@(?:app|router|bp|blueprint)\.(get|post|put|patch|delete|route)\(\s*['"](\/[^'"\s]*)['"]/g,
  /\bMap(Get|Post|Put|Patch|Delete)\(\s*"(\/[^"\s]*)"/g,
];

/** Source text that publishes to a broker: kafkajs, amqplib, NATS, Spring templates, kafka-go, confluent, pika, MassTransit. */
export const PRODUCE_SOURCE = /\bproducer\.send\(|\.sendToQueue\(|\bchannel\.publish\(|\bbasic_publish\(|\b(?:KafkaTemplate|RabbitTemplate|StreamBridge)\b|\.WriteMessages\(|\bKafkaProducer\(|\.produce\(|\bnc\.Publish\(|\bjs\.Publish\(|\bIPublishEndpoint\b|\.PublishAsync\(|\bSendMessageCommand\b|\bPublishCommand\b/;

/** Source text that consumes from a broker. */
export const CONSUME_SOURCE = /\bconsumer\.(?:subscribe|run)\(|\bchannel\.consume\(|\bbasic_consume\(|@(?:KafkaListener|RabbitListener|StreamListener)\b|\.ReadMessage\(|\bKafkaConsumer\(|\bnc\.(?:Subscribe|QueueSubscribe)\(|\bIConsumer<|\bReceiveMessageCommand\b|\.FetchMessage\(/;
