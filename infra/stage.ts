import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * What differs between the two stages. `dev` is cheap and disposable; `prod` keeps its data when the
 * stack is deleted, is protected from accidental deletion and asks more of its users (MFA).
 */
export type StageName = 'dev' | 'prod';

export interface StageSettings {
  readonly name: StageName;
  readonly production: boolean;
  /** For stateful resources: the table, the settlement files, the user pool, the secret. */
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: RetentionDays;
  /** Requests per second (and burst) over the whole API, and the lower limit for provider callbacks. */
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly callbackThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /** p99 latency above which the API alarm fires. */
  readonly apiLatencyP99Threshold: Duration;
}

export function stageSettings(name: StageName): StageSettings {
  const production = name === 'prod';
  return {
    name,
    production,
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: production ? RetentionDays.SIX_MONTHS : RetentionDays.TWO_WEEKS,
    // Deadline peaks are a few hundred payments per second nationally (ARCHITECTURE.md, Scale).
    apiThrottle: production ? { rateLimit: 500, burstLimit: 1000 } : { rateLimit: 50, burstLimit: 100 },
    // Providers send one callback per payment and retry on failure; more than this is a flood.
    callbackThrottle: production ? { rateLimit: 200, burstLimit: 400 } : { rateLimit: 20, burstLimit: 40 },
    apiLatencyP99Threshold: Duration.seconds(3),
  };
}

export function parseStage(value: unknown): StageName {
  const stage = value ?? 'dev';
  if (stage !== 'dev' && stage !== 'prod') throw new Error(`context "stage" must be dev or prod (got ${String(stage)})`);
  return stage;
}
