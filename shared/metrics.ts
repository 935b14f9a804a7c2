/**
 * Programme metrics in CloudWatch's embedded metric format (EMF): one JSON line per event on
 * stdout, which CloudWatch Logs turns into metrics in the `GKB` namespace. No dependency and
 * no client: the Lambda's log stream is the transport. CDK's alarms and dashboard use these
 * names (infra/observability.ts).
 */
export const METRICS_NAMESPACE = 'GKB';

export const METRIC = {
  /** Candidates registered (API, web form and imports alike). */
  registrations: 'Registrations',
  /** Of those, the ones that went onto a village waitlist. */
  waitlisted: 'Waitlisted',
  /** Workflow moves, with a `ToStatus` dimension. */
  transitions: 'Transitions',
  /** APBD places held after a change (a gauge: the latest value is the state). */
  apbdPlacesUsed: 'ApbdPlacesUsed',
  /** APBD money held by places as a percentage of the ceiling, after a change (a gauge). */
  apbdMoneyUsedPercent: 'ApbdMoneyUsedPercent',
  /** Every API and web response, and those answered with 4xx and with 5xx. */
  requests: 'Requests',
  responses4xx: 'Responses4xx',
  responses5xx: 'Responses5xx',
  /** Errors no code expected (bugs): each is logged whole, and any one of them raises an alarm. */
  unexpectedErrors: 'UnexpectedErrors',
} as const;
export type MetricName = (typeof METRIC)[keyof typeof METRIC];

type Unit = 'Count' | 'Percent';
type Sink = (line: string) => void;

/** In Lambda, lines go to stdout directly: the runtime's console would wrap them in its own JSON. */
const stdoutSink: Sink = (line) => {
  process.stdout.write(`${line}\n`);
};
let sink: Sink | undefined;

/** Where metric lines go: stdout in Lambda, nowhere elsewhere unless a sink is set (tests, bench). */
export function setMetricsSink(next: Sink | undefined): void {
  sink = next;
}

function currentSink(): Sink | undefined {
  return sink ?? (process.env.AWS_LAMBDA_FUNCTION_NAME ? stdoutSink : undefined);
}

/** Records one value of one metric, with optional dimensions (e.g. `{ ToStatus: 'ENROLLED' }`). */
export function putMetric(
  name: MetricName,
  value: number,
  unit: Unit = 'Count',
  dimensions: Record<string, string> = {},
): void {
  const write = currentSink();
  if (!write) return;
  write(
    JSON.stringify({
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [Object.keys(dimensions)],
            Metrics: [{ Name: name, Unit: unit }],
          },
        ],
      },
      ...dimensions,
      [name]: value,
    }),
  );
}
