/** Cameras, microphones and speakers the browser offers, kept fresh as devices come and go. */
import { useEffect, useState } from 'react';

export interface MediaDevices {
  cameras: MediaDeviceInfo[];
  mics: MediaDeviceInfo[];
  speakers: MediaDeviceInfo[];
}

const EMPTY: MediaDevices = { cameras: [], mics: [], speakers: [] };

export function useMediaDevices(active: boolean): MediaDevices {
  const [devices, setDevices] = useState(EMPTY);
  useEffect(() => {
    const md = navigator.mediaDevices;
    if (!active || !md?.enumerateDevices) return;
    let live = true;
    const refresh = async () => {
      const all = await md.enumerateDevices();
      if (!live) return;
      const of = (kind: MediaDeviceKind) => all.filter((d) => d.kind === kind && d.deviceId);
      setDevices({ cameras: of('videoinput'), mics: of('audioinput'), speakers: of('audiooutput') });
    };
    void refresh();
    md.addEventListener('devicechange', refresh);
    return () => {
      live = false;
      md.removeEventListener('devicechange', refresh);
    };
  }, [active]);
  return devices;
}
