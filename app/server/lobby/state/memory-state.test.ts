import { describe } from 'vitest';
import { memoryBus, memoryKnockBudget, memoryPresence, memoryThreads } from './memory-state.ts';
import { describeStateContract } from './state-contract.ts';

describe('the lobby state in memory', () => {
  describeStateContract({ knocks: memoryKnockBudget, presence: memoryPresence, threads: memoryThreads, bus: memoryBus });
});
