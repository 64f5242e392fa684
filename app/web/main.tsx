/** Boot: take the token out of the address bar first, then ask the server, then render. */
import { firstPreauth, link } from './boot/link.ts';
import { createRoot } from 'react-dom/client';
import { App, Home } from './App.tsx';
import { useCallStore } from './flow/call-store.ts';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
if (!link.roomName) {
  root.render(<Home />);
} else {
  void useCallStore.getState().init(link, firstPreauth);
  root.render(<App />);
}
