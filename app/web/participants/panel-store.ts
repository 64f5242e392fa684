/** Whether the participants panel is open: shared by the toggle button in the controls and the panel. */
import { create } from 'zustand';

interface PanelState {
  open: boolean;
  toggle(): void;
  close(): void;
}

export const useParticipantsPanel = create<PanelState>((set) => ({
  open: false,
  toggle: () => set((s) => ({ open: !s.open })),
  close: () => set({ open: false }),
}));
