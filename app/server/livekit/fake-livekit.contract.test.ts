/** The fake LiveKit held to the gateway contract (the real gateway runs it in gateway.integration.test.ts). */
import { fakeLivekit } from '../testing/fake-livekit.ts';
import { livekitGatewayContract } from './gateway.contract.ts';

// presumeInCall off: LiveKit never says a stranger is in a call.
const fake = fakeLivekit(undefined, { presumeInCall: false });
const down = fakeLivekit(undefined, { presumeInCall: false });
down.down = true;

livekitGatewayContract('the fake', () => ({
  gateway: fake,
  down,
  async roomCap(roomId) {
    return fake.rooms.get(roomId)?.maxParticipants;
  },
}));
