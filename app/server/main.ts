/** Composition only: config → store → LiveKit → HTTP. */
import { loadConfig } from './config.ts';
import type { AppContext } from './context.ts';
import { loadDeployment } from './deployment.ts';
import { buildApp } from './http/app.ts';
import { connectLivekit } from './livekit/connect-livekit.ts';
import { demoWanted, printDemoLinks } from './demo-room.ts';
import { openStore } from './store/open-store.ts';
import { callEndingRoomEvents } from './rooms/call-ending-room-events.ts';

async function main() {
  const config = loadConfig();
  const store = await openStore(config);
  const { deployment, newKey } = await loadDeployment(store, config.apiKey, config.publicUrl);

  const livekit = await connectLivekit(config, store);
  // If this start fails after launching LiveKit, stop it again; an adopted one keeps its calls.
  stopLaunchedLivekit = livekit.launched?.stop;
  const gateway = livekit.gateway;
  const ctx: AppContext = { config, store, livekit: gateway, deployment, now: () => Date.now() / 1000 };
  const app = await buildApp(ctx, {
    logger: { level: config.logLevel },
    roomEvents: callEndingRoomEvents(gateway),
    webhookSecret: { apiKey: livekit.apiKey, apiSecret: livekit.apiSecret },
  });

  // A normal stop (SIGINT/SIGTERM) stops LiveKit too, adopted or not; after a crash it keeps running
  // (so calls go on) and the next start adopts it.
  const shutdown = async () => {
    await app.close();
    await livekit.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  await app.listen({ host: config.host, port: config.port });
  stopLaunchedLivekit = undefined;
  console.log(`Foyer is listening on ${config.publicUrl}`);
  const keptIn = config.databaseUrl ? 'the PostgreSQL store' : `${config.dataDir}/foyer.db`;
  if (newKey) console.log(`REST API key (shown once; also kept in ${keptIn}): ${deployment.apiKey}`);
  // Demo links (with a 24-hour owner token) only on a fresh data dir's first start, or when asked.
  await printDemoLinks(ctx, { asked: demoWanted(process.argv.slice(2), config.demo), keyFromEnv: config.apiKey !== undefined });
}

/** Set while a LiveKit this start launched would be orphaned by a failed start. */
let stopLaunchedLivekit: (() => Promise<void>) | undefined;

main().catch(async (err) => {
  console.error(`Foyer could not start: ${err instanceof Error ? err.message : String(err)}`);
  await stopLaunchedLivekit?.().catch(() => {});
  process.exit(1);
});
