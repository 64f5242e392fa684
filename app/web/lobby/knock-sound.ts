/** A short two-note knock, synthesised so there is no audio file to load. */
let ctx: AudioContext | undefined;

export function playKnockSound(): void {
  try {
    ctx ??= new AudioContext();
    const start = ctx.currentTime;
    for (const [offset, freq] of [[0, 660], [0.16, 880]] as const) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.14);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.15);
    }
  } catch {
    // No audio output available: the toast still shows.
  }
}
