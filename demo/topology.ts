/**
 * Who runs in the demo: services, their instances and endpoints, all derived from the seed. The
 * shape is fixed (the app's pages and the conformance suite rely on it); the seed moves rates,
 * latencies, phases and incident times.
 */
import { between, seededDraws } from './random';

export type Track = 'stable' | 'canary';

export interface Endpoint {
  route: string;
  method: string;
  /** Share of the service's traffic. */
  share: number;
  /** Client-error status this endpoint returns at a low rate, if any. */
  clientError?: { code: string; ratio: number };
}

export interface Instance {
  /** The demo's own `instance` label (honored by Prometheus), also the pod name. */
  name: string;
  track: Track;
}

export interface LatencyProfile {
  /** Median of the fast (typical) request population, seconds. */
  fastMedian: number;
  /** Median of the slow population (cache misses, retries), seconds. */
  slowMedian: number;
  /** Share of slow requests at average load; grows with load. */
  slowShare: number;
}

export interface Service {
  name: string;
  /** Requests per second across all instances at average load. */
  rate: number;
  baseErrorRatio: number;
  latency: LatencyProfile;
  instances: Instance[];
  endpoints: Endpoint[];
  memoryLimitBytes: number;
  volumeCapacityBytes: number;
}

interface ServiceShape {
  name: string;
  stable: number;
  canary: boolean;
  endpoints: Endpoint[];
  rate: [number, number];
  fastMedian: [number, number];
  memoryLimitMiB: number;
  volumeGiB: number;
}

const SHAPES: ServiceShape[] = [
  {
    name: 'checkout',
    stable: 2,
    canary: true,
    rate: [18, 26],
    fastMedian: [0.09, 0.12],
    memoryLimitMiB: 1024,
    volumeGiB: 10,
    endpoints: [
      { route: '/api/checkout', method: 'POST', share: 0.3 },
      { route: '/api/cart', method: 'GET', share: 0.5 },
      { route: '/api/cart/items', method: 'POST', share: 0.2, clientError: { code: '400', ratio: 0.01 } },
    ],
  },
  {
    name: 'payments',
    stable: 2,
    canary: false,
    rate: [8, 12],
    fastMedian: [0.15, 0.2],
    memoryLimitMiB: 768,
    volumeGiB: 20,
    endpoints: [
      { route: '/api/payments', method: 'POST', share: 0.7 },
      { route: '/api/payments/{id}', method: 'GET', share: 0.3, clientError: { code: '404', ratio: 0.005 } },
    ],
  },
  {
    name: 'catalog',
    stable: 3,
    canary: false,
    rate: [40, 60],
    fastMedian: [0.02, 0.035],
    memoryLimitMiB: 2048,
    volumeGiB: 50,
    endpoints: [
      { route: '/api/products', method: 'GET', share: 0.5 },
      { route: '/api/products/{id}', method: 'GET', share: 0.4, clientError: { code: '404', ratio: 0.02 } },
      { route: '/api/categories', method: 'GET', share: 0.1 },
    ],
  },
  {
    name: 'auth',
    stable: 2,
    canary: false,
    rate: [25, 35],
    fastMedian: [0.01, 0.02],
    memoryLimitMiB: 512,
    volumeGiB: 5,
    endpoints: [
      { route: '/api/login', method: 'POST', share: 0.2, clientError: { code: '401', ratio: 0.04 } },
      { route: '/api/token/verify', method: 'POST', share: 0.8 },
    ],
  },
  {
    name: 'search',
    stable: 2,
    canary: false,
    rate: [15, 22],
    fastMedian: [0.05, 0.08],
    memoryLimitMiB: 3072,
    volumeGiB: 30,
    endpoints: [
      { route: '/api/search', method: 'GET', share: 0.85 },
      { route: '/api/search/suggest', method: 'GET', share: 0.15 },
    ],
  },
];

/**
 * A healthy service's share of 5xx responses: 0.01–0.05 %, i.e. 10–50 % of the error budget of the
 * 99.9 % availability SLO the alerts guard (infrastructure/prometheus/rules/alerts.yaml, budget
 * 0.1 %). Checkout's bad canary (model.ts) fails 4× as often on a tenth of the traffic, so the
 * service as a whole burns at most 1.3 × 0.05 % = 0.065 %: every healthy service stays below even
 * the slow-burn alert's 1× threshold with a third of the budget to spare, and only the injected
 * incidents (load.ts, auth's error bursts) burn it. At the former 0.1–0.4 % every demo service
 * overspent its budget and ErrorBudgetBurnSlow fired for all of them all the time.
 */
export const BASE_ERROR_RATIO: readonly [number, number] = [0.0001, 0.0005];

export const SERVICE_NAMES = SHAPES.map((shape) => shape.name);

export function buildTopology(seed: number): Service[] {
  const draw = seededDraws(seed);
  return SHAPES.map((shape) => {
    const fastMedian = between(draw(`${shape.name}.fast`), ...shape.fastMedian);
    const instances: Instance[] = Array.from({ length: shape.stable }, (_, i) => ({
      name: `${shape.name}-${i}`,
      track: 'stable' as const,
    }));
    if (shape.canary) {
      instances.push({ name: `${shape.name}-canary-0`, track: 'canary' });
    }
    return {
      name: shape.name,
      rate: between(draw(`${shape.name}.rate`), ...shape.rate),
      baseErrorRatio: between(draw(`${shape.name}.errors`), ...BASE_ERROR_RATIO),
      latency: { fastMedian, slowMedian: fastMedian * between(draw(`${shape.name}.slow`), 4, 7), slowShare: 0.06 },
      instances,
      endpoints: shape.endpoints,
      memoryLimitBytes: shape.memoryLimitMiB * 1024 * 1024,
      volumeCapacityBytes: shape.volumeGiB * 1024 ** 3,
    };
  });
}

/** Canary pods take a small slice of traffic; stable pods split the rest evenly. */
export function trafficShare(service: Service, instance: Instance): number {
  const canaries = service.instances.filter((i) => i.track === 'canary').length;
  const stables = service.instances.length - canaries;
  const canaryShare = canaries > 0 ? 0.1 : 0;
  return instance.track === 'canary' ? canaryShare / canaries : (1 - canaryShare) / stables;
}

/** One call edge: requests to `routes` of `caller` each make one call to `callee`. */
export interface CallEdge {
  caller: string;
  callee: string;
  /** The caller's routes that make the call (once per request). */
  routes: string[];
}

/**
 * Who calls whom. checkout takes the payment on `/api/checkout` and verifies the session token with
 * auth on its writes. search and auth call nothing: the demo's finder tests keep a service whose only
 * cause is a node (search) and one with no cause at all (auth).
 */
export const CALL_EDGES: readonly CallEdge[] = [
  { caller: 'checkout', callee: 'payments', routes: ['/api/checkout'] },
  { caller: 'checkout', callee: 'auth', routes: ['/api/checkout', '/api/cart/items'] },
];

/** The callees of `service`, in CALL_EDGES order. */
export function calleesOf(service: string): string[] {
  return CALL_EDGES.filter((e) => e.caller === service).map((e) => e.callee);
}

/** The callers of `service`, in CALL_EDGES order. */
export function callersOf(service: string): string[] {
  return CALL_EDGES.filter((e) => e.callee === service).map((e) => e.caller);
}

/**
 * Share of `callee`'s requests that are `instance` of `caller` calling it over `edge`: the caller's
 * traffic on the calling routes over the callee's whole rate. Every series follows the same load
 * shape, so the share holds at every instant.
 */
export function callShare(caller: Service, instance: Instance, callee: Service, edge: CallEdge): number {
  const perSecond = edge.routes.reduce((sum, route) => {
    const endpoint = caller.endpoints.find((e) => e.route === route);
    if (!endpoint) {
      throw new Error(`call edge ${caller.name} → ${callee.name}: ${caller.name} has no route ${route}`);
    }
    return sum + caller.rate * trafficShare(caller, instance) * endpoint.share;
  }, 0);
  return perSecond / callee.rate;
}
