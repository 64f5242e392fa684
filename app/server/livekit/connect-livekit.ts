/**
 * The control plane's LiveKit, as configured: an existing one (LIVEKIT_URL), a cluster
 * (FOYER_LIVEKIT_NODES, with or without a node of Foyer's own), or Foyer's own local one. Answers the
 * gateway, the keys webhooks are signed with, and how to let go of it all.
 */
import type { Config } from '../config.ts';
import type { Store } from '../store/store.ts';
import { livekitGateway, type LivekitGateway } from './gateway.ts';
import { localLivekitKeys } from './local-keys.ts';
import { startLocalLivekit, type LocalLivekit } from './local-server.ts';
import { redisNodeForgetter, type NodeForgetter } from './nodes/forget-node.ts';
import { LivekitNodes } from './nodes/livekit-nodes.ts';

export interface ConnectedLivekit {
  gateway: LivekitGateway;
  apiKey: string;
  apiSecret: string;
  /** The local LiveKit this start launched (not adopted), to stop if the rest of the start fails. */
  launched?: LocalLivekit;
  /** Stops the node checks, and Foyer's own LiveKit if it runs one. */
  stop(): Promise<void>;
}

export async function connectLivekit(config: Config, store: Pick<Store, 'claimSetting'>, say: (line: string) => void = console.log): Promise<ConnectedLivekit> {
  const lk = config.livekit;
  let local: LocalLivekit | undefined;
  let keys = lk.apiKey && lk.apiSecret ? { apiKey: lk.apiKey, apiSecret: lk.apiSecret } : undefined;
  // Foyer runs a LiveKit of its own unless it is told of one (LIVEKIT_URL) or of a whole external cluster (nodes and keys).
  if (!lk.url && !keys) {
    keys = await localLivekitKeys(store);
    say(`Starting LiveKit on 127.0.0.1:${lk.port}${lk.redisUrl ? ' (a node of the cluster on its Redis)' : ''} ...`);
    local = await startLocalLivekit(lk, { dataDir: config.dataDir, webhookUrl: `http://127.0.0.1:${config.port}/webhooks/livekit`, keys, say });
  }
  const { apiKey, apiSecret } = keys!;
  // One LiveKit's URL; a cluster's gateway asks its live node instead.
  const url = lk.url ?? local?.url ?? lk.nodes![0]!.publicUrl;

  let nodes: LivekitNodes | undefined;
  let forgetter: NodeForgetter | undefined;
  if (lk.nodes) {
    forgetter = lk.redisUrl ? redisNodeForgetter(lk.redisUrl) : undefined;
    nodes = new LivekitNodes(lk.nodes, {
      say,
      onGone: async (_node, nodeId) => {
        if (forgetter && nodeId) await forgetter.forget(nodeId);
      },
    });
    await nodes.start();
  }
  const gateway = livekitGateway({ url, publicUrl: lk.publicUrl ?? url, apiKey, apiSecret, ...(nodes ? { nodes } : {}) });
  return {
    gateway,
    apiKey,
    apiSecret,
    ...(local && !local.adopted ? { launched: local } : {}),
    async stop() {
      nodes?.stop();
      await forgetter?.close();
      await local?.stop();
    },
  };
}
