/** Where the scaled-out specs' cluster listens (its own ports: the main suite's server may run beside it). */
import type { ClusterPorts } from '../../app/cluster/cluster.ts';

export const CLUSTER_E2E_PORTS: ClusterPorts = {
  postgres: 25440,
  redis: 26380,
  controlPlanes: [3200, 3201],
  livekitNodes: [7990, 8000],
  udpStart: 52000,
};

/** Control plane `i`'s origin as the browsers reach it. */
export const controlPlane = (i: number) => `http://127.0.0.1:${CLUSTER_E2E_PORTS.controlPlanes[i]}`;
